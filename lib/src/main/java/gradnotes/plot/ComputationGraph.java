package gradnotes.plot;

import gradnotes.nn.Mlp;
import gradnotes.notebook.Displayable;
import gradnotes.notebook.MimeBundle;
import gradnotes.notebook.Numbers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A computation graph drawn as SVG with its numbers on it, the way cs231n's backprop notes draw a
 * circuit: every node with its pre-activation, value and gradient, every edge with its weight and
 * the loss's gradient with respect to that weight. Colours follow the ex03 sheet's figure:
 * pre-activations blue, activations (values) green, errors (gradients) red.
 *
 * <pre>{@code
 * var g = new ComputationGraph("h₁ = tanh(w_x x₁ + w_h h₀)")
 *         .node("x₁", 0, 0, value("x", 1.0))
 *         .node("h₁", 1, 0, pre("z", 0.5), value("h", 0.46), grad("∂L/∂h", -0.2))
 *         .edge("x₁", "h₁", value("w_x", 0.5), grad("∂L/∂w_x", -0.16));
 * show(g);
 * }</pre>
 * Nodes sit in columns (left to right) and rows (top to bottom, fractions allowed); each edge's
 * label is placed along its edge where it overlaps no node and no other label.
 */
public final class ComputationGraph implements Displayable {
    /** What a number on the drawing is: its colour says which. */
    public enum Kind {
        PRE("#1f5fa8"), VALUE("#2a7a2a"), GRAD("#b22222");
        final String colour;
        Kind(String colour) { this.colour = colour; }
    }

    /** One labelled number: {@code symbol = value}. */
    public record Quantity(String symbol, double value, Kind kind) {
        public Quantity {
            if (symbol == null || symbol.isBlank()) throw new IllegalArgumentException("a quantity needs a symbol, got " + (symbol == null ? "null" : "a blank"));
            if (kind == null) throw new IllegalArgumentException("kind of " + symbol + " is null");
        }

        String text() { return symbol + " = " + Numbers.sig(value, 3); }
    }

    public static Quantity pre(String symbol, double v) { return new Quantity(symbol, v, Kind.PRE); }

    public static Quantity value(String symbol, double v) { return new Quantity(symbol, v, Kind.VALUE); }

    public static Quantity grad(String symbol, double v) { return new Quantity(symbol, v, Kind.GRAD); }

    record Node(String name, int column, double row, List<Quantity> quantities) {}

    record Edge(String from, String to, List<Quantity> quantities, boolean highlighted) {}

    /** A rectangle on the drawing: x, y of its top left corner, width, height. */
    record Box(double x, double y, double w, double h) {
        boolean overlaps(Box o) { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
    }

    private final String title;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();

    public ComputationGraph(String title) {
        if (title == null) throw new IllegalArgumentException("title is null, expected a text (\"\" for none)");
        this.title = title;
    }

    /**
     * Pixels between columns (320 unless set) and between rows (130): narrower for long chains of
     * short labels. Drawing widens the columns where a label would find no free spot.
     */
    public ComputationGraph spacing(int columnGap, int rowGap) {
        if (columnGap < 2 * RADIUS + 10 || rowGap < 2 * RADIUS + 10)
            throw new IllegalArgumentException("columnGap and rowGap must be at least " + (2 * RADIUS + 10) + " pixels, got " + columnGap + " and " + rowGap);
        this.columnGap = columnGap;
        this.rowGap = rowGap;
        return this;
    }

    /** A node named {@code name} in column {@code column} (0 on the left) and row {@code row} (0 on top). */
    public ComputationGraph node(String name, int column, double row, Quantity... quantities) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a node needs a name, got " + (name == null ? "null" : "a blank"));
        if (nodes.containsKey(name)) throw new IllegalArgumentException("there is already a node named " + name);
        if (column < 0 || !(row >= 0) || Double.isInfinite(row))
            throw new IllegalArgumentException("node " + name + ": column and row must be 0 or more, got column " + column + ", row " + row);
        nodes.put(name, new Node(name, column, row, List.of(quantities)));
        return this;
    }

    /** An edge from node {@code from} to node {@code to}, labelled with its quantities (weight, gradient). */
    public ComputationGraph edge(String from, String to, Quantity... quantities) { return edge(from, to, false, quantities); }

    /** An edge drawn thick and orange: the path a reader should follow. */
    public ComputationGraph highlightedEdge(String from, String to, Quantity... quantities) { return edge(from, to, true, quantities); }

    private ComputationGraph edge(String from, String to, boolean highlighted, Quantity... quantities) {
        for (String end : new String[] {from, to})
            if (!nodes.containsKey(end)) throw new IllegalArgumentException("edge " + from + " → " + to + ": no node named " + end + "; the nodes are " + nodes.keySet());
        if (nodes.get(from).column() >= nodes.get(to).column())
            throw new IllegalArgumentException("edge " + from + " → " + to + " must run left to right (from a lower column to a higher one)");
        edges.add(new Edge(from, to, List.of(quantities), highlighted));
        return this;
    }

    /**
     * The network's forward values and backward gradients: each neuron with its pre-activation z,
     * activation a and ∂E/∂a, each connection with its weight and ∂E/∂w. {@code names} gives one list
     * of neuron names per layer, input layer first.
     */
    public static ComputationGraph of(String title, Mlp mlp, Mlp.Forward fw, Mlp.Backward bw, List<List<String>> names) {
        if (mlp == null || fw == null || bw == null) throw new IllegalArgumentException("mlp, its forward run and its backward pass must all be given");
        if (names == null || names.size() != mlp.depth() + 1)
            throw new IllegalArgumentException((names == null ? "no" : names.size()) + " layers of names for a network with "
                    + (mlp.depth() + 1) + " layers of neurons: expected one list of names per layer, input layer first");
        int tallest = 0;
        for (int k = 0; k <= mlp.depth(); k++) {
            int n = fw.a(k).numRows;
            if (names.get(k) == null || names.get(k).size() != n)
                throw new IllegalArgumentException("layer " + k + " has " + n + " neurons but " + (names.get(k) == null ? "no" : names.get(k).size())
                        + " names: expected one name per neuron");
            tallest = Math.max(tallest, n);
        }
        var g = new ComputationGraph(title);
        for (int k = 0; k <= mlp.depth(); k++) {
            int n = fw.a(k).numRows;
            for (int i = 0; i < n; i++) {
                double row = i + (tallest - n) / 2.0;
                String name = names.get(k).get(i);
                if (k == 0) g.node(name, k, row, value("x", fw.a(0).get(i, 0)));
                else g.node(name, k, row, pre("z", fw.z(k).get(i, 0)), value("a", fw.a(k).get(i, 0)),
                        grad("∂E/∂a", bw.dEda(k).get(i, 0)));
            }
        }
        for (int k = 1; k <= mlp.depth(); k++) {
            var W = mlp.layers.get(k - 1).W;
            var dW = bw.dEdW(k);
            for (int j = 0; j < W.numRows; j++)
                for (int i = 0; i < W.numCols; i++)
                    g.edge(names.get(k - 1).get(i), names.get(k).get(j), value("w", W.get(j, i)), grad("∂E/∂w", dW.get(j, i)));
        }
        return g;
    }

    static final int MARGIN = 70, RADIUS = 20, LINE = 14;
    private int columnGap = 320, rowGap = 130;
    static final double CHAR = 6.6;

    private double x(Node n) { return MARGIN + 50 + n.column() * columnGap; }

    private double y(Node n) { return MARGIN + 10 + n.row() * rowGap; }

    private static double width(List<String> lines) {
        return lines.stream().mapToInt(String::length).max().orElse(0) * CHAR + 8;
    }

    /** The box under a node that its circle and numbers take up. */
    Box nodeBox(Node n) {
        List<String> lines = n.quantities().stream().map(Quantity::text).toList();
        double w = Math.max(2 * RADIUS + 4, width(lines));
        return new Box(x(n) - w / 2, y(n) - RADIUS - 2, w, 2 * RADIUS + 6 + LINE * lines.size());
    }

    /** Where each edge's label goes: the first spot along the edge, from the middle outwards, that overlaps nothing placed. */
    List<Box> edgeLabelBoxes() {
        List<Box> taken = new ArrayList<>();
        for (Node n : nodes.values()) taken.add(nodeBox(n));
        List<Box> placed = new ArrayList<>();
        double[] spots = new double[15];                 // 0.5, 0.45, 0.55, 0.4, 0.6, …, 0.15, 0.85
        for (int i = 0; i < spots.length; i++) spots[i] = 0.5 + (i % 2 == 0 ? 1 : -1) * 0.05 * ((i + 1) / 2);
        for (Edge e : edges) {
            Node a = nodes.get(e.from()), b = nodes.get(e.to());
            List<String> lines = e.quantities().stream().map(Quantity::text).toList();
            if (lines.isEmpty()) { placed.add(null); continue; }     // nothing to label
            double w = width(lines), h = LINE * lines.size() + 2;
            Box best = null;
            int fewest = Integer.MAX_VALUE;
            for (double t : spots) {
                double cx = x(a) + (x(b) - x(a)) * t, cy = y(a) + (y(b) - y(a)) * t;
                Box box = new Box(cx - w / 2, cy - h / 2, w, h);
                int overlaps = (int) taken.stream().filter(box::overlaps).count();
                if (overlaps < fewest) { fewest = overlaps; best = box; }
                if (overlaps == 0) break;
            }
            taken.add(best);
            placed.add(best);
        }
        return placed;
    }

    /** Pairs of labels (node or edge) that overlap on the drawing; none, for a graph this class lays out well. */
    int overlaps() { return overlapping().size(); }

    /** The overlapping pairs, each as "name / name" (an edge as "from → to"). */
    List<String> overlapping() {
        List<Box> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Node n : nodes.values()) { all.add(nodeBox(n)); names.add(n.name()); }
        List<Box> labels = edgeLabelBoxes();
        for (int i = 0; i < edges.size(); i++)
            if (labels.get(i) != null) { all.add(labels.get(i)); names.add(edges.get(i).from() + " → " + edges.get(i).to()); }
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < all.size(); i++)
            for (int j = 0; j < i; j++) if (all.get(i).overlaps(all.get(j))) pairs.add(names.get(j) + " / " + names.get(i));
        return pairs;
    }

    /** The SVG drawing. */
    public String svg() {
        if (nodes.isEmpty()) throw new IllegalStateException("the graph has no nodes to draw");
        // labels too long for the columns: widen the columns until every label has a free spot
        while (overlaps() > 0 && columnGap < 1200) columnGap += 20;
        double right = 0, bottom = 0;
        for (Node n : nodes.values()) {
            Box b = nodeBox(n);
            right = Math.max(right, b.x() + b.w());
            bottom = Math.max(bottom, b.y() + b.h());
        }
        List<Box> labels = edgeLabelBoxes();
        for (Box b : labels) if (b != null) { right = Math.max(right, b.x() + b.w()); bottom = Math.max(bottom, b.y() + b.h()); }
        double width = right + MARGIN / 2.0, height = bottom + MARGIN / 2.0;
        // scales down to the cell's width (never up), so a long chain needs no sideways scrolling
        StringBuilder svg = new StringBuilder(String.format(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"11\" style=\"background: white; max-width: 100%%; height: auto\">%n",
                width, height, width, height));
        if (!title.isBlank())
            svg.append(String.format("<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>%n", MARGIN / 2, escape(title)));
        for (Edge e : edges) {
            Node a = nodes.get(e.from()), b = nodes.get(e.to());
            svg.append(String.format("<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\" stroke-width=\"%s\"/>%n",
                    x(a), y(a), x(b), y(b), e.highlighted() ? "#e67e00" : "#aaa", e.highlighted() ? "4" : "1.2"));
        }
        for (int i = 0; i < edges.size(); i++) {
            Edge e = edges.get(i);
            Box box = labels.get(i);
            if (box == null) continue;
            svg.append(String.format("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"white\" fill-opacity=\"0.9\" stroke=\"%s\" rx=\"3\"/>%n",
                    box.x(), box.y(), box.w(), box.h(), e.highlighted() ? "#e67e00" : "#ddd"));
            quantities(svg, e.quantities(), box.x() + box.w() / 2, box.y() + LINE - 2);
        }
        for (Node n : nodes.values()) {
            svg.append(String.format("<circle cx=\"%.0f\" cy=\"%.0f\" r=\"%d\" fill=\"#eef3fb\" stroke=\"#335\"/>%n", x(n), y(n), RADIUS));
            svg.append(String.format("<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"13\">%s</text>%n",
                    x(n), y(n) + 4, escape(n.name())));
            quantities(svg, n.quantities(), x(n), y(n) + RADIUS + LINE);
        }
        return svg.append("</svg>\n").toString();
    }

    private static void quantities(StringBuilder svg, List<Quantity> qs, double cx, double firstBaseline) {
        for (int i = 0; i < qs.size(); i++)
            svg.append(String.format("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\">%s</text>%n",
                    cx, firstBaseline + i * LINE, qs.get(i).kind().colour, escape(qs.get(i).text())));
    }

    /** The graph in words: every node and every edge with its numbers. */
    public String describe() {
        StringBuilder text = new StringBuilder("Computation graph" + (title.isBlank() ? "" : ": " + title)
                + " (pre-activations blue, values green, gradients red"
                + (edges.stream().anyMatch(Edge::highlighted) ? "; highlighted edges orange" : "") + ")\n");
        for (Node n : nodes.values())
            text.append("node ").append(n.name()).append(numbers(n.quantities())).append('\n');
        for (Edge e : edges)
            text.append("edge ").append(e.from()).append(" → ").append(e.to()).append(e.highlighted() ? " (highlighted)" : "")
                    .append(numbers(e.quantities())).append('\n');
        return text.toString().strip();
    }

    private static String numbers(List<Quantity> qs) {
        return qs.isEmpty() ? "" : ": " + String.join(", ", qs.stream().map(Quantity::text).toList());
    }

    @Override public MimeBundle toBundle() { return MimeBundle.of(describe(), "text/html", svg()); }

    /** Text as SVG character data: a name such as "x<1" must not open a tag. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
