package gradnotes.plot;

import gradnotes.nn.Bidirectional;
import gradnotes.nn.Mlp;
import gradnotes.nn.Recurrent.SequenceGradients;
import gradnotes.nn.Shapes;
import gradnotes.notebook.Displayable;
import gradnotes.notebook.MimeBundle;
import gradnotes.notebook.Numbers;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

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
 * Nodes sit in columns (left to right) and rows (top to bottom, fractions allowed); a node's
 * numbers go under it, or above it ({@link #numbersAbove}); each edge's label is placed along its
 * edge where it overlaps no node and no other label. Edges end in an arrowhead and may run in any
 * direction (a backward recurrence runs right to left).
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

    record Node(String name, int column, double row, List<Quantity> quantities, boolean above) {}

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
        nodes.put(name, new Node(name, column, row, List.of(quantities), false));
        return this;
    }

    /** Writes the numbers of these nodes above them instead of below (for a top row fed from below). */
    public ComputationGraph numbersAbove(String... names) {
        for (String name : names) {
            Node n = nodes.get(name);
            if (n == null) throw new IllegalArgumentException("numbersAbove: no node named " + name + "; the nodes are " + nodes.keySet());
            nodes.put(name, new Node(n.name(), n.column(), n.row(), n.quantities(), true));
        }
        return this;
    }

    /** An edge from node {@code from} to node {@code to}, labelled with its quantities (weight, gradient). */
    public ComputationGraph edge(String from, String to, Quantity... quantities) { return edge(from, to, false, quantities); }

    /** An edge drawn thick and orange: the path a reader should follow. */
    public ComputationGraph highlightedEdge(String from, String to, Quantity... quantities) { return edge(from, to, true, quantities); }

    /**
     * The network as its weights define it, before anything is computed: the inputs with their values
     * {@code x}, every other neuron by its name only, each connection with its weight.
     */
    public static ComputationGraph weights(String title, Mlp mlp, DMatrixRMaj x, List<List<String>> names) {
        Shapes.notNull(mlp, "mlp", "the network to draw");
        Shapes.notNull(x, "x", "the input column");
        Shapes.require(x, "x", mlp.layers.get(0).in(), 1);
        Shapes.finite(x, "x");
        int[] sizes = layerSizes(mlp, names);
        int tallest = java.util.Arrays.stream(sizes).max().orElse(1);
        var g = new ComputationGraph(title);
        for (int k = 0; k < sizes.length; k++)
            for (int i = 0; i < sizes[k]; i++) {
                double row = i + (tallest - sizes[k]) / 2.0;
                if (k == 0) g.node(names.get(k).get(i), k, row, value("x", x.get(i, 0)));
                else g.node(names.get(k).get(i), k, row);
            }
        for (int k = 1; k < sizes.length; k++) {
            var W = mlp.layers.get(k - 1).W;
            for (int j = 0; j < W.numRows; j++)
                for (int i = 0; i < W.numCols; i++) g.edge(names.get(k - 1).get(i), names.get(k).get(j), value("w", W.get(j, i)));
        }
        return g;
    }

    /** A backward pass of this network's shape (one error column per layer, of the layer's size). */
    private static void requireBackward(Mlp mlp, Mlp.Backward bw) {
        Shapes.notNull(bw, "bw", "the network's backward pass");
        boolean fits = bw.dEda().size() == mlp.depth() && bw.dEdz().size() == mlp.depth();
        for (int k = 1; fits && k <= mlp.depth(); k++)
            fits = bw.dEda(k).numRows == mlp.layers.get(k - 1).out() && bw.dEdz(k).numRows == mlp.layers.get(k - 1).out();
        if (!fits) throw new IllegalArgumentException("bw is not a backward pass of this network (" + mlp.depth() + " layers): expected mlp.backward(fw, ...)");
    }

    /** The number of neurons per layer, input layer first, after checking one name per neuron. */
    private static int[] layerSizes(Mlp mlp, List<List<String>> names) {
        Shapes.notNull(names, "names", "one list of neuron names per layer");
        if (names.size() != mlp.depth() + 1)
            throw new IllegalArgumentException("names has " + names.size() + " layers for a network with " + (mlp.depth() + 1) + " layers of neurons, expected one list of names per layer");
        int[] sizes = new int[mlp.depth() + 1];
        for (int k = 0; k <= mlp.depth(); k++) {
            sizes[k] = k == 0 ? mlp.layers.get(0).in() : mlp.layers.get(k - 1).out();
            if (names.get(k) == null || names.get(k).size() != sizes[k])
                throw new IllegalArgumentException("names: layer " + k + " has " + sizes[k] + " neurons but " + (names.get(k) == null ? "no" : names.get(k).size()) + " names");
            for (String name : names.get(k)) if (name == null) throw new IllegalArgumentException("names: layer " + k + " holds a null name, expected a name for every neuron");
        }
        return sizes;
    }

    /**
     * One step of backpropagation unfolded over two layers (the DL4NLP ex08 formula): neuron r of
     * layer k−1, every neuron i of layer k and every neuron j of layer k+1, each with its
     * pre-activation z and σ'(z) (the network's activation derivative), layer k+1 and neuron r with
     * ∂E/∂p. ∂E/∂p_r^(k−1) is the sum over the paths r → i → j of ∂E/∂p_j σ'(z_j) w_ij σ'(z_i) w_ri;
     * the path with the largest term is highlighted. The weights are written on the edges from r and
     * on those from the highlighted path's middle neuron (twenty crossing labels would not read).
     *
     * @param k the middle layer, 2 ≤ k ≤ depth − 1 (layer 0 is the input)
     * @param r the neuron of layer k−1, from 1
     */
    public static ComputationGraph unfolded(String title, Mlp mlp, Mlp.Forward fw, Mlp.Backward bw, int k, int r) {
        Shapes.notNull(mlp, "mlp", "the network");
        mlp.requireOwn(fw);
        requireBackward(mlp, bw);
        if (k < 2 || k > mlp.depth() - 1)
            throw new IllegalArgumentException("k = " + k + ": the middle layer must have a layer k−1 ≥ 1 below and k+1 ≤ " + mlp.depth() + " above, so 2 ≤ k ≤ " + (mlp.depth() - 1));
        int below = fw.a(k - 1).numRows, mid = fw.z(k).numRows, top = fw.z(k + 1).numRows;
        Shapes.index(r, "r", below);
        var act = mlp.activations;
        String up = sup(k - 1), at = sup(k), over = sup(k + 1);
        double[] dk = new double[mid], dk1 = new double[top];
        for (int i = 0; i < mid; i++) dk[i] = act.get(k - 1).derivative(fw.z(k).get(i, 0));
        for (int j = 0; j < top; j++) dk1[j] = act.get(k).derivative(fw.z(k + 1).get(j, 0));
        DMatrixRMaj Wk = mlp.layers.get(k - 1).W, Wk1 = mlp.layers.get(k).W;
        int bestI = 0, bestJ = 0;
        double best = -1;
        for (int i = 0; i < mid; i++)
            for (int j = 0; j < top; j++) {
                double term = Math.abs(bw.dEda(k + 1).get(j, 0) * dk1[j] * Wk1.get(j, i) * dk[i] * Wk.get(i, r - 1));
                if (term > best) { best = term; bestI = i; bestJ = j; }
            }
        int tallest = Math.max(mid, top);
        var g = new ComputationGraph(title);
        g.labelAt = 0.35;         // the edges from one neuron fan out; nearer it their labels stay apart
        String from = "p" + sub(r) + up;
        g.node(from, 0, (tallest - 1) / 2.0, pre("z", fw.z(k - 1).get(r - 1, 0)), grad("∂E/∂p", bw.dEda(k - 1).get(r - 1, 0)));
        for (int i = 0; i < mid; i++)
            g.node("p" + sub(i + 1) + at, 1, i + (tallest - mid) / 2.0, pre("z", fw.z(k).get(i, 0)), grad("σ'(z)", dk[i]));
        for (int j = 0; j < top; j++)
            g.node("p" + sub(j + 1) + over, 2, j + (tallest - top) / 2.0, pre("z", fw.z(k + 1).get(j, 0)), grad("σ'(z)", dk1[j]),
                    grad("∂E/∂p", bw.dEda(k + 1).get(j, 0)));
        for (int i = 0; i < mid; i++)
            g.edge(from, "p" + sub(i + 1) + at, i == bestI, value("w", Wk.get(i, r - 1)));
        for (int i = 0; i < mid; i++)
            for (int j = 0; j < top; j++)
                if (i == bestI) g.edge("p" + sub(i + 1) + at, "p" + sub(j + 1) + over, j == bestJ, value("w", Wk1.get(j, i)));
                else g.edge("p" + sub(i + 1) + at, "p" + sub(j + 1) + over, false);
        return g;
    }

    /**
     * A bidirectional RNN unrolled: the forward states →h_t in the top row, left to right, the
     * backward states ←h_t in the bottom row, right to left, the inputs between them, each state with
     * ‖h‖ and ‖∂L/∂h‖ (Euclidean norms, first sequence of the batch).
     *
     * @param grads the backward pass of {@code run}
     * @param inputs a name for every input (the words of a sentence)
     */
    public static ComputationGraph unrolled(String title, Bidirectional model, Bidirectional.Run run, SequenceGradients grads,
                                            List<String> inputs) {
        Shapes.notNull(model, "model", "the bidirectional network");
        model.requireOwnRun(run);
        Shapes.notNull(grads, "grads", "the backward pass of the run");
        int T = run.length(), nf = model.forward.hiddenSize();
        if (grads.dhs() == null || grads.dhs().size() != T || grads.dh0() == null)
            throw new IllegalArgumentException("grads has " + (grads.dhs() == null ? "no" : grads.dhs().size()) + " steps, the run " + T + ": expected the backward pass of this run");
        Shapes.notNull(inputs, "inputs", "one name per input");
        if (inputs.size() != T) throw new IllegalArgumentException("inputs has " + inputs.size() + " names for a run of " + T + " steps, expected one name per step");
        for (String name : inputs) if (name == null || name.isBlank()) throw new IllegalArgumentException("inputs holds a null or blank name, expected a name for every input");
        if (run.hs().get(0).numRows != model.hiddenSize() || grads.dhs().get(0).numRows != model.hiddenSize())
            throw new IllegalArgumentException("run and grads must come from this model, whose state has " + model.hiddenSize() + " rows");
        var g = new ComputationGraph(title).spacing(150, 150);
        List<String> top = new ArrayList<>();
        for (int t = 0; t <= T; t++) {
            String name = "→h" + sub(t);
            top.add(name);
            if (t == 0) g.node(name, 0, 0, value("‖→h‖", norm(run.forwardRun().h0(), 0, nf)),
                    grad("‖∂L/∂→h‖", norm(grads.dh0(), 0, nf)));
            else g.node(name, t, 0, value("‖→h‖", norm(run.hs().get(t - 1), 0, nf)),
                    grad("‖∂L/∂→h‖", norm(grads.dhs().get(t - 1), 0, nf)));
        }
        g.numbersAbove(top.toArray(String[]::new));
        for (int t = 1; t <= T; t++) g.node(inputs.get(t - 1), t, 1);
        for (int t = T + 1; t >= 1; t--) {
            String name = "←h" + sub(t);
            if (t == T + 1) g.node(name, t, 2, value("‖←h‖", norm(run.backwardRun().h0(), 0, model.backward.hiddenSize())),
                    grad("‖∂L/∂←h‖", norm(grads.dh0(), nf, model.hiddenSize())));
            else g.node(name, t, 2, value("‖←h‖", norm(run.hs().get(t - 1), nf, model.hiddenSize())),
                    grad("‖∂L/∂←h‖", norm(grads.dhs().get(t - 1), nf, model.hiddenSize())));
        }
        for (int t = 1; t <= T; t++) {
            g.edge("→h" + sub(t - 1), "→h" + sub(t));
            g.edge("←h" + sub(t + 1), "←h" + sub(t));
            g.edge(inputs.get(t - 1), "→h" + sub(t));
            g.edge(inputs.get(t - 1), "←h" + sub(t));
        }
        return g;
    }

    /** Euclidean norm of rows from..to−1 of the first column. */
    private static double norm(DMatrixRMaj m, int from, int to) {
        return NormOps_DDRM.normF(CommonOps_DDRM.extract(m, from, to, 0, 1));
    }

    /** Subscript digits: 12 → "₁₂". */
    static String sub(int n) {
        StringBuilder s = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) s.append((char) ('₀' + (c - '0')));
        return s.toString();
    }

    /** "⁽³⁾" for layer 3. */
    static String sup(int n) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder s = new StringBuilder("⁽");
        for (char c : Integer.toString(n).toCharArray()) s.append(digits.charAt(c - '0'));
        return s.append('⁾').toString();
    }

    private ComputationGraph edge(String from, String to, boolean highlighted, Quantity... quantities) {
        for (String end : new String[] {from, to})
            if (!nodes.containsKey(end)) throw new IllegalArgumentException("edge " + from + " → " + to + ": no node named " + end + "; the nodes are " + nodes.keySet());
        Node a = nodes.get(from), b = nodes.get(to);
        if (a.column() == b.column() && a.row() == b.row())
            throw new IllegalArgumentException("edge " + from + " → " + to + " joins two nodes at the same place (or a node to itself)");
        edges.add(new Edge(from, to, List.of(quantities), highlighted));
        return this;
    }

    /**
     * The network's forward values and backward gradients: each neuron with its pre-activation z,
     * activation a, ∂E/∂a and δ = ∂E/∂z, each connection with its weight and ∂E/∂w (= the tail's a
     * times the head's δ). {@code names} gives one list
     * of neuron names per layer, input layer first.
     */
    public static ComputationGraph of(String title, Mlp mlp, Mlp.Forward fw, Mlp.Backward bw, List<List<String>> names) {
        Shapes.notNull(mlp, "mlp", "the network to draw");
        mlp.requireOwn(fw);
        requireBackward(mlp, bw);
        int tallest = java.util.Arrays.stream(layerSizes(mlp, names)).max().orElse(1);
        var g = new ComputationGraph(title);
        for (int k = 0; k <= mlp.depth(); k++) {
            int n = fw.a(k).numRows;
            for (int i = 0; i < n; i++) {
                double row = i + (tallest - n) / 2.0;
                String name = names.get(k).get(i);
                if (k == 0) g.node(name, k, row, value("x", fw.a(0).get(i, 0)));
                else g.node(name, k, row, pre("z", fw.z(k).get(i, 0)), value("a", fw.a(k).get(i, 0)),
                        grad("∂E/∂a", bw.dEda(k).get(i, 0)), grad("δ = ∂E/∂z", bw.dEdz(k).get(i, 0)));
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
    /** Where along its edge a label is tried first: the middle, or nearer the tail where many edges cross. */
    private double labelAt = 0.5;
    static final double CHAR = 6.6;

    private double x(Node n) { return MARGIN + 50 + n.column() * columnGap; }

    private double y(Node n) { return MARGIN + 10 + lift() + n.row() * rowGap; }

    /** Room at the top for the numbers of nodes that carry them above. */
    private double lift() {
        return nodes.values().stream().filter(Node::above).mapToDouble(n -> LINE * n.quantities().size()).max().orElse(0);
    }

    private static double width(List<String> lines) {
        return lines.stream().mapToInt(String::length).max().orElse(0) * CHAR + 8;
    }

    /** The box under a node that its circle and numbers take up. */
    Box nodeBox(Node n) {
        List<String> lines = n.quantities().stream().map(Quantity::text).toList();
        double w = Math.max(2 * RADIUS + 4, width(lines)), h = 2 * RADIUS + 6 + LINE * lines.size();
        return n.above() ? new Box(x(n) - w / 2, y(n) + RADIUS + 2 - h, w, h) : new Box(x(n) - w / 2, y(n) - RADIUS - 2, w, h);
    }

    /** Where each edge's label goes: the first spot along the edge, from the middle outwards, that overlaps nothing placed. */
    List<Box> edgeLabelBoxes() {
        List<Box> taken = new ArrayList<>();
        for (Node n : nodes.values()) taken.add(nodeBox(n));
        List<Box> placed = new ArrayList<>();
        // from labelAt outwards: 0.5, 0.45, 0.55, 0.4, 0.6, …, 0.15, 0.85 for labels in the middle
        List<Double> spots = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double t = labelAt + (i % 2 == 0 ? 1 : -1) * 0.05 * ((i + 1) / 2);
            if (t >= 0.149 && t <= 0.851) spots.add(t);
        }
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

    /** The overlapping pairs of labels (node or edge) as drawn, each as "name / name" (an edge as "from → to"). */
    List<String> overlapping() {
        fit();
        return collisions();
    }

    /** Widens the columns until every label has a free spot (or the columns are 1200 pixels apart). */
    private void fit() {
        while (!collisions().isEmpty() && columnGap < 1200) columnGap += 20;
    }

    /** The overlapping pairs at the present spacing. */
    private List<String> collisions() {
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
        fit();
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
        svg.append("<defs><marker id=\"graph-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\""
                + " markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#777\"/></marker></defs>\n");
        for (Edge e : edges) {
            Node a = nodes.get(e.from()), b = nodes.get(e.to());
            double dx = x(b) - x(a), dy = y(b) - y(a), len = Math.hypot(dx, dy), back = (RADIUS + 1) / len;
            svg.append(String.format("<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\" marker-end=\"url(#graph-arrow)\"/>%n",
                    x(a), y(a), x(b) - dx * back, y(b) - dy * back, e.highlighted() ? "#e67e00" : "#aaa", e.highlighted() ? "4" : "1.2"));
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
            quantities(svg, n.quantities(), x(n), n.above() ? y(n) - RADIUS - 4 - LINE * (n.quantities().size() - 1) : y(n) + RADIUS + LINE);
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
