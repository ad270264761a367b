package gradnotes.plot;

import gradnotes.nn.Gru;
import gradnotes.nn.Lstm;
import gradnotes.nn.Recurrent.SequenceGradients;
import gradnotes.nn.Shapes;
import gradnotes.notebook.Displayable;
import gradnotes.notebook.MimeBundle;
import gradnotes.notebook.Numbers;
import gradnotes.plot.ComputationGraph.Box;
import gradnotes.plot.ComputationGraph.Kind;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a gated cell (LSTM or GRU) drawn the way Olah's "Understanding LSTM Networks" and
 * d2l draw it: the inputs on the left and bottom, σ and tanh boxes for the gates, × and + for the
 * pointwise operations, the outputs on the right; every wire labelled with the value it carries at
 * that step (green) and, where gradients are given, with ∂L/∂ on the state paths (red). The state
 * path (the LSTM's cell, the GRU's kept state) is drawn thick and orange: it is the path along
 * which the gradient passes with one gate multiplication per step.
 *
 * <p>A vector of up to 4 entries is written out (3 significant digits); a longer one by its
 * Euclidean norm. The text description lists every wire with all its entries (4 significant
 * digits). A batch is drawn by its first sequence.
 */
public final class CellDiagram implements Displayable {
    /** How a part of the cell is drawn. */
    enum Shape { TERMINAL, SIGMOID, TANH, TIMES, PLUS, ONE_MINUS, JOIN }

    record Part(String name, Shape shape, double x, double y) {
        double halfWidth() {
            return switch (shape) {
                case TERMINAL -> 30;
                case SIGMOID, TANH -> 24;
                case JOIN -> 3;
                default -> 13;
            };
        }

        double halfHeight() {
            return switch (shape) {
                case TERMINAL -> 15;
                case SIGMOID, TANH -> 16;
                case JOIN -> 3;
                default -> 13;
            };
        }
    }

    /** One line of a wire's label. */
    record Line(String text, String full, Kind kind) {}

    /** A wire through {@code points} (x, y pairs; the first and last are parts' centres). */
    record Wire(String from, String to, double[] points, List<Line> lines, boolean highlighted) {}

    private final String title;
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private final List<Wire> wires = new ArrayList<>();
    private double scale = 1;

    private CellDiagram(String title) {
        Shapes.notNull(title, "title", "a text (\"\" for none)");
        this.title = title;
    }

    // ---------------------------------------------------------------- LSTM

    /** Step {@code t} of an LSTM run, values only. */
    public static CellDiagram lstm(String title, Lstm lstm, Lstm.Run run, int t) {
        return lstm(title, lstm, run, null, t);
    }

    /**
     * Step {@code t} of an LSTM run with the gradients of {@link Lstm#backwardWithCells}: ∂L/∂c_t and
     * ∂L/∂h_t on the outputs, and on the incoming cell the part of ∂L/∂c_{t-1} that arrives along
     * the cell path, f_t ∘ ∂L/∂c_t.
     */
    public static CellDiagram lstm(String title, Lstm lstm, Lstm.Run run, Lstm.Gradients grads, int t) {
        Shapes.notNull(lstm, "lstm", "the LSTM that made the run");
        lstm.requireOwnRun(run);
        Shapes.index(t, "t", run.length());
        if (grads != null) requireSteps(grads.dcs(), grads.sequence(), run.length());
        Lstm.Step s = run.step(t);
        String T = ComputationGraph.sub(t), P = ComputationGraph.sub(t - 1);
        var d = new CellDiagram(title);
        d.part("c" + P, Shape.TERMINAL, 60, 80).part("×f", Shape.TIMES, 430, 80)
                .part("+", Shape.PLUS, 750, 80).part("split", Shape.JOIN, 970, 80)
                .part("c" + T, Shape.TERMINAL, 1300, 80)
                .part("×i", Shape.TIMES, 750, 240).part("tanh(c)", Shape.TANH, 970, 170)
                .part("×o", Shape.TIMES, 970, 270).part("h" + T, Shape.TERMINAL, 1300, 270)
                .part("σ f", Shape.SIGMOID, 430, 400).part("σ i", Shape.SIGMOID, 590, 400)
                .part("tanh c̃", Shape.TANH, 750, 400).part("σ o", Shape.SIGMOID, 970, 400)
                .part("h" + P, Shape.TERMINAL, 60, 520).part("bus", Shape.JOIN, 250, 520)
                .part("x" + T, Shape.TERMINAL, 250, 630);
        List<Line> cPrev = new ArrayList<>(List.of(value("c" + P, s.cPrev())));
        List<Line> cNew = new ArrayList<>(List.of(value("c" + T, s.c())));
        List<Line> hNew = new ArrayList<>(List.of(value("h" + T, s.h())));
        if (grads != null) {
            DMatrixRMaj dc = grads.dcs().get(t - 1);
            cPrev.add(grad("∂L/∂c" + P + " via c" + T, times(s.f(), dc)));
            cNew.add(grad("∂L/∂c" + T, dc));
            hNew.add(grad("∂L/∂h" + T, grads.sequence().dhs().get(t - 1)));
        }
        d.wire("c" + P, "×f", true, cPrev, 60, 80, 430, 80)
                .wire("×f", "+", true, List.of(value("f" + T + "∘c" + P, times(s.f(), s.cPrev()))), 430, 80, 750, 80)
                .wire("+", "split", true, List.of(), 750, 80, 970, 80)
                .wire("split", "c" + T, true, cNew, 970, 80, 1300, 80)
                .wire("split", "tanh(c)", false, List.of(), 970, 80, 970, 170)
                .wire("σ f", "×f", false, List.of(value("f" + T, s.f())), 430, 400, 430, 80)
                .wire("σ i", "×i", false, List.of(value("i" + T, s.i())), 590, 400, 590, 240, 750, 240)
                .wire("tanh c̃", "×i", false, List.of(value("c̃" + T, s.cTilde())), 750, 400, 750, 240)
                .wire("×i", "+", false, List.of(value("i" + T + "∘c̃" + T, times(s.i(), s.cTilde()))), 750, 240, 750, 80)
                .wire("σ o", "×o", false, List.of(value("o" + T, s.o())), 970, 400, 970, 270)
                .wire("tanh(c)", "×o", false, List.of(value("tanh c" + T, s.tanhC())), 970, 170, 970, 270)
                .wire("×o", "h" + T, false, hNew, 970, 270, 1300, 270)
                .wire("h" + P, "bus", false, List.of(value("h" + P, s.hPrev())), 60, 520, 250, 520)
                .wire("x" + T, "bus", false, List.of(value("x" + T, s.x())), 250, 630, 250, 520);
        for (String gate : List.of("σ f", "σ i", "tanh c̃", "σ o")) {
            double x = d.parts.get(gate).x();
            d.wire("bus", gate, false, List.of(), 250, 520, x, 520, x, 400);
        }
        return d.fit();
    }

    // ---------------------------------------------------------------- GRU

    /** Step {@code t} of a GRU run, values only. */
    public static CellDiagram gru(String title, Gru gru, Gru.Run run, int t) { return gru(title, gru, run, null, t); }

    /**
     * Step {@code t} of a GRU run with the gradients of {@link Gru#backward}: ∂L/∂h_t on the output,
     * and on the incoming state the part of ∂L/∂h_{t-1} that passes the direct path,
     * (1 − z_t) ∘ ∂L/∂h_t. The candidate box computes tanh(W x_t + r_t ∘ (U h_{t-1}) + b): the
     * reset gate scales U h_{t-1} inside it.
     */
    public static CellDiagram gru(String title, Gru gru, Gru.Run run, SequenceGradients grads, int t) {
        Shapes.notNull(gru, "gru", "the GRU that made the run");
        gru.requireOwnRun(run);
        Shapes.index(t, "t", run.length());
        if (grads != null) requireSteps(null, grads, run.length());
        Gru.Step s = run.step(t);
        String T = ComputationGraph.sub(t), P = ComputationGraph.sub(t - 1);
        DMatrixRMaj keep = new DMatrixRMaj(s.z().numRows, 1);
        for (int k = 0; k < keep.numRows; k++) keep.set(k, 0, 1 - s.z().get(k, 0));
        var d = new CellDiagram(title);
        d.part("h" + P, Shape.TERMINAL, 60, 80).part("down", Shape.JOIN, 420, 80)
                .part("×keep", Shape.TIMES, 600, 80).part("+", Shape.PLUS, 990, 80)
                .part("h" + T, Shape.TERMINAL, 1300, 80)
                .part("1−", Shape.ONE_MINUS, 600, 200).part("zsplit", Shape.JOIN, 600, 300)
                .part("×z", Shape.TIMES, 990, 240)
                .part("σ z", Shape.SIGMOID, 600, 400).part("σ r", Shape.SIGMOID, 700, 400)
                .part("tanh ĥ", Shape.TANH, 990, 400)
                .part("bus", Shape.JOIN, 420, 520).part("xbus", Shape.JOIN, 500, 520)
                .part("x" + T, Shape.TERMINAL, 500, 630);
        List<Line> hPrev = new ArrayList<>(List.of(value("h" + P, s.hPrev())));
        List<Line> hNew = new ArrayList<>(List.of(value("h" + T, s.h())));
        if (grads != null) {
            DMatrixRMaj dh = grads.dhs().get(t - 1);
            hPrev.add(grad("∂L/∂h" + P + " via (1−z" + T + ")", times(keep, dh)));
            hNew.add(grad("∂L/∂h" + T, dh));
        }
        d.wire("h" + P, "down", true, hPrev, 60, 80, 420, 80)
                .wire("down", "×keep", true, List.of(), 420, 80, 600, 80)
                .wire("×keep", "+", true, List.of(value("(1−z" + T + ")∘h" + P, times(keep, s.hPrev()))), 600, 80, 990, 80)
                .wire("+", "h" + T, true, hNew, 990, 80, 1300, 80)
                .wire("down", "bus", false, List.of(), 420, 80, 420, 520)
                .wire("x" + T, "xbus", false, List.of(value("x" + T, s.x())), 500, 630, 500, 520)
                .wire("σ z", "zsplit", false, List.of(value("z" + T, s.z())), 600, 400, 600, 300)
                .wire("zsplit", "1−", false, List.of(), 600, 300, 600, 200)
                .wire("1−", "×keep", false, List.of(value("1−z" + T, keep)), 600, 200, 600, 80)
                .wire("zsplit", "×z", false, List.of(), 600, 300, 800, 300, 800, 240, 990, 240)
                .wire("σ r", "tanh ĥ", false, List.of(value("r" + T, s.r())), 700, 400, 990, 400)
                .wire("tanh ĥ", "×z", false, List.of(value("ĥ" + T, s.hHat())), 990, 400, 990, 240)
                .wire("×z", "+", false, List.of(value("z" + T + "∘ĥ" + T, times(s.z(), s.hHat()))), 990, 240, 990, 80)
                .wire("bus", "xbus", false, List.of(), 420, 520, 500, 520);
        for (String gate : List.of("σ z", "σ r", "tanh ĥ")) {
            double x = d.parts.get(gate).x();
            d.wire("xbus", gate, false, List.of(), 500, 520, x, 520, x, 400);
        }
        return d.fit();
    }

    private static void requireSteps(List<DMatrixRMaj> dcs, SequenceGradients g, int T) {
        if (g == null || g.dhs() == null) throw new IllegalArgumentException("grads holds no ∂L/∂h_t, expected the backward pass of the run");
        if (g.dhs().size() != T || (dcs != null && dcs.size() != T))
            throw new IllegalArgumentException("grads has " + g.dhs().size() + " steps, the run " + T + ": expected the backward pass of this run");
    }

    // ---------------------------------------------------------------- building

    private CellDiagram part(String name, Shape shape, double x, double y) {
        parts.put(name, new Part(name, shape, x, y));
        return this;
    }

    private CellDiagram wire(String from, String to, boolean highlighted, List<Line> lines, double... points) {
        wires.add(new Wire(from, to, points, List.copyOf(lines), highlighted));
        return this;
    }

    private static Line value(String symbol, DMatrixRMaj v) { return new Line(symbol + vector(v), symbol + " = " + entries(v), Kind.VALUE); }

    private static Line grad(String symbol, DMatrixRMaj v) { return new Line(symbol + vector(v), symbol + " = " + entries(v), Kind.GRAD); }

    /** " = (0.731, −0.2, 0.5)" for up to 4 entries, else ": ‖·‖ = 1.23 (8 entries)". */
    static String vector(DMatrixRMaj v) {
        if (v.numRows <= 4) {
            List<String> entries = new ArrayList<>();
            for (int k = 0; k < v.numRows; k++) entries.add(Numbers.sig(v.get(k, 0), 3));
            return " = (" + String.join(", ", entries) + ")";
        }
        double sum = 0;
        for (int k = 0; k < v.numRows; k++) sum += v.get(k, 0) * v.get(k, 0);
        return ": ‖·‖ = " + Numbers.sig(Math.sqrt(sum), 3) + " (" + v.numRows + " entries)";
    }

    /** Every entry, 4 significant digits, for the text description. */
    private static String entries(DMatrixRMaj v) {
        List<String> e = new ArrayList<>();
        for (int k = 0; k < v.numRows; k++) e.add(Numbers.sig(v.get(k, 0), 4));
        return "(" + String.join(", ", e) + ")";
    }

    private static DMatrixRMaj times(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj p = new DMatrixRMaj(a.numRows, 1);
        for (int k = 0; k < a.numRows; k++) p.set(k, 0, a.get(k, 0) * b.get(k, 0));
        return p;
    }

    // ---------------------------------------------------------------- layout

    private static final double CHAR = ComputationGraph.CHAR, LINE = ComputationGraph.LINE;

    private double px(double x) { return x * scale; }

    private double py(double y) { return y * scale + 20; }

    Box partBox(Part p) {
        return new Box(px(p.x()) - p.halfWidth(), py(p.y()) - p.halfHeight(), 2 * p.halfWidth(), 2 * p.halfHeight());
    }

    /** Spreads the drawing until no label overlaps a part or another label. */
    private CellDiagram fit() {
        while (!overlapping().isEmpty() && scale < 2) scale += 0.05;
        return this;
    }

    /**
     * Where each wire's label goes: on the wire's segments, from their middles outwards, or just
     * beside them; the first spot that overlaps no part and no label placed before it.
     */
    List<Box> labelBoxes() {
        List<Box> taken = new ArrayList<>();
        for (Part p : parts.values()) if (p.shape() != Shape.JOIN) taken.add(partBox(p));
        List<Box> placed = new ArrayList<>();
        for (Wire w : wires) {
            if (w.lines().isEmpty()) { placed.add(null); continue; }
            List<Box> obstacles = new ArrayList<>(taken);
            for (Wire other : wires) if (other != w) obstacles.addAll(segments(other));
            double width = w.lines().stream().mapToInt(l -> l.text().length()).max().orElse(0) * CHAR + 8;
            double height = LINE * w.lines().size() + 2;
            Box best = null;
            int fewest = Integer.MAX_VALUE;
            search:
            for (double[] offset : new double[][] {{0, 0}, {0, -1}, {0, 1}, {1, 0}, {-1, 0}})
                for (double f : new double[] {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9})
                    for (int seg = 0; seg + 3 < w.points().length; seg += 2) {
                        double[] pt = w.points();
                        double cx = px(pt[seg] + (pt[seg + 2] - pt[seg]) * f), cy = py(pt[seg + 1] + (pt[seg + 3] - pt[seg + 1]) * f);
                        cx += offset[0] * (width / 2 + 4);
                        cy += offset[1] * (height / 2 + 4);
                        Box box = new Box(cx - width / 2, cy - height / 2, width, height);
                        Box margin = new Box(box.x() - 3, box.y() - 3, box.w() + 6, box.h() + 6);   // keeps neighbours apart
                        int overlaps = (int) obstacles.stream().filter(margin::overlaps).count() + (box.x() < 0 || box.y() < 28 ? 1 : 0);
                        if (overlaps < fewest) { fewest = overlaps; best = box; }
                        if (overlaps == 0) break search;
                    }
            taken.add(best);
            placed.add(best);
        }
        return placed;
    }

    /** A wire's segments as thin boxes: a label may cover its own wire, never another one. */
    private List<Box> segments(Wire w) {
        List<Box> boxes = new ArrayList<>();
        double[] pt = w.points();
        for (int i = 0; i + 3 < pt.length; i += 2) {
            double x1 = px(Math.min(pt[i], pt[i + 2])), x2 = px(Math.max(pt[i], pt[i + 2]));
            double y1 = py(Math.min(pt[i + 1], pt[i + 3])), y2 = py(Math.max(pt[i + 1], pt[i + 3]));
            boxes.add(new Box(x1 - 1, y1 - 1, x2 - x1 + 2, y2 - y1 + 2));
        }
        return boxes;
    }

    /** Pairs of things that overlap on the drawing (parts and labels), as "a / b"; none when it reads well. */
    List<String> overlapping() {
        List<Box> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Part p : parts.values()) if (p.shape() != Shape.JOIN) { all.add(partBox(p)); names.add(p.name()); }
        List<Box> labels = labelBoxes();
        for (int i = 0; i < wires.size(); i++)
            if (labels.get(i) != null) { all.add(labels.get(i)); names.add("label of " + wires.get(i).from() + " → " + wires.get(i).to()); }
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < all.size(); i++)
            for (int j = 0; j < i; j++) if (all.get(i).overlaps(all.get(j))) pairs.add(names.get(j) + " / " + names.get(i));
        for (int i = 0; i < wires.size(); i++)
            for (int j = 0; j < wires.size(); j++) {
                Box label = labels.get(i);
                if (i == j || label == null) continue;
                if (segments(wires.get(j)).stream().anyMatch(label::overlaps))
                    pairs.add("label of " + wires.get(i).from() + " → " + wires.get(i).to() + " / wire " + wires.get(j).from() + " → " + wires.get(j).to());
            }
        return pairs;
    }

    // ---------------------------------------------------------------- drawing

    /** The SVG drawing. */
    public String svg() {
        List<Box> labels = labelBoxes();
        double right = 0, bottom = 0;
        for (Part p : parts.values()) { Box b = partBox(p); right = Math.max(right, b.x() + b.w()); bottom = Math.max(bottom, b.y() + b.h()); }
        for (Box b : labels) if (b != null) { right = Math.max(right, b.x() + b.w()); bottom = Math.max(bottom, b.y() + b.h()); }
        double width = right + 20, height = bottom + 20;
        StringBuilder svg = new StringBuilder(String.format(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"11\" style=\"background: white; max-width: 100%%; height: auto\">%n",
                width, height, width, height));
        svg.append("<defs><marker id=\"cell-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"9\" markerHeight=\"9\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n");
        if (!title.isBlank()) svg.append(String.format("<text x=\"10\" y=\"18\" font-size=\"14\">%s</text>%n", ComputationGraph.escape(title)));
        for (Wire w : wires) {
            double[] pt = w.points().clone();
            Part end = parts.get(w.to());
            boolean arrow = end.shape() != Shape.JOIN;
            if (arrow) trim(pt, end);
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < pt.length; i += 2) points.append(String.format("%.1f,%.1f ", px(pt[i]), py(pt[i + 1])));
            svg.append(String.format("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s/>%n", points.toString().strip(),
                    w.highlighted() ? "#e67e00" : "#555", w.highlighted() ? "4" : "1.4", arrow ? " marker-end=\"url(#cell-arrow)\"" : ""));
        }
        for (Part p : parts.values()) drawPart(svg, p);
        for (int i = 0; i < wires.size(); i++) {
            Box b = labels.get(i);
            if (b == null) continue;
            Wire w = wires.get(i);
            svg.append(String.format("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"white\" fill-opacity=\"0.92\" stroke=\"%s\" rx=\"3\"/>%n",
                    b.x(), b.y(), b.w(), b.h(), w.highlighted() ? "#e67e00" : "#ddd"));
            for (int k = 0; k < w.lines().size(); k++)
                svg.append(String.format("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\">%s</text>%n", b.x() + b.w() / 2,
                        b.y() + LINE - 2 + k * LINE, w.lines().get(k).kind().colour, ComputationGraph.escape(w.lines().get(k).text())));
        }
        return svg.append("</svg>\n").toString();
    }

    /** Ends the last segment at the edge of the part it enters, so the arrowhead shows. */
    private void trim(double[] pt, Part end) {
        int n = pt.length;
        double dx = pt[n - 2] - pt[n - 4], dy = pt[n - 1] - pt[n - 3];
        double back = (dx != 0 ? end.halfWidth() : end.halfHeight()) / scale + 1;
        double len = Math.hypot(dx, dy);
        pt[n - 2] -= dx / len * back;
        pt[n - 1] -= dy / len * back;
    }

    private void drawPart(StringBuilder svg, Part p) {
        double x = px(p.x()), y = py(p.y());
        switch (p.shape()) {
            case JOIN -> svg.append(String.format("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#555\"/>%n", x, y));
            case TERMINAL -> svg.append(String.format(
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"60\" height=\"30\" rx=\"15\" fill=\"#f4f4f4\" stroke=\"#335\"/>%n"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"13\">%s</text>%n",
                    x - 30, y - 15, x, y + 5, ComputationGraph.escape(p.name())));
            case SIGMOID, TANH -> svg.append(String.format(
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"48\" height=\"32\" rx=\"3\" fill=\"%s\" stroke=\"#335\"/>%n"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\">%s</text>%n",
                    x - 24, y - 16, p.shape() == Shape.SIGMOID ? "#fde9b8" : "#d9ecd0", x, y + 4, ComputationGraph.escape(p.name())));
            default -> svg.append(String.format(
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"13\" fill=\"#fbe3e3\" stroke=\"#335\"/>%n"
                            + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"%s\">%s</text>%n",
                    x, y, x, y + 5, p.shape() == Shape.ONE_MINUS ? "11" : "15",
                    switch (p.shape()) { case TIMES -> "×"; case PLUS -> "+"; default -> "1−"; }));
        }
    }

    /** The cell in words: every wire with every entry of its value and gradient. */
    public String describe() {
        StringBuilder text = new StringBuilder("Cell diagram" + (title.isBlank() ? "" : ": " + title)
                + " (values green, gradients red, the state path orange)\n");
        for (Wire w : wires) {
            if (w.lines().isEmpty()) continue;
            text.append("wire ").append(name(w.from())).append(" → ").append(name(w.to())).append(w.highlighted() ? " (state path)" : "").append(": ");
            List<String> lines = new ArrayList<>();
            for (Line l : w.lines()) lines.add(l.full());
            text.append(String.join("; ", lines)).append('\n');
        }
        return text.toString().strip();
    }

    private static String name(String part) {
        return switch (part) {
            case "×f", "×i", "×o", "×keep", "×z" -> "× (" + part.substring(1) + ")";
            case "bus", "xbus", "down", "split", "zsplit" -> "branch";
            default -> part;
        };
    }

    @Override public MimeBundle toBundle() { return MimeBundle.of(describe(), "text/html", svg()); }
}
