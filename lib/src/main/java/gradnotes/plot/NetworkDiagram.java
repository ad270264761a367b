package gradnotes.plot;

import gradnotes.nn.Mlp;
import gradnotes.notebook.MimeBundle;
import gradnotes.notebook.Numbers;

import java.util.List;

/**
 * A drawing of a small fully connected network as SVG: one column of circles per layer, every
 * connection labelled with its weight, every neuron with a name and, optionally, a value. For
 * reconstructing the figures of by-hand exercises; sized for a handful of neurons per layer.
 */
public final class NetworkDiagram {
    private NetworkDiagram() {}

    /**
     * @param names one list of neuron names per layer, input layer first (sizes must match the network)
     * @param values the same shape: a line of text under each neuron (or null for none; a layer's list may
     *               also be null, for no values in that layer)
     */
    public static MimeBundle of(Mlp mlp, List<List<String>> names, List<List<String>> values) {
        if (mlp == null) throw new IllegalArgumentException("mlp is null, expected the network to draw");
        if (names == null) throw new IllegalArgumentException("names is null, expected one list of neuron names per layer");
        if (names.size() != mlp.depth() + 1)
            throw new IllegalArgumentException(names.size() + " layers of names for a network with " + (mlp.depth() + 1) + " layers of neurons: expected one list of names per layer");
        if (values != null && values.size() != mlp.depth() + 1)
            throw new IllegalArgumentException("values has " + values.size() + " layers, expected " + (mlp.depth() + 1)
                    + " (one list per layer of neurons, or null for none)");
        for (int k = 0; k <= mlp.depth(); k++) {
            int n = k == 0 ? mlp.layers.get(0).in() : mlp.layers.get(k - 1).out();
            if (names.get(k) == null) throw new IllegalArgumentException("names of layer " + k + " is null, expected " + n + " names");
            if (names.get(k).size() != n) throw new IllegalArgumentException("layer " + k + " has " + n + " neurons but " + names.get(k).size() + " names");
            for (String name : names.get(k)) if (name == null) throw new IllegalArgumentException("names of layer " + k + " holds a null name, expected a name for every neuron");
            if (values != null && values.get(k) != null && values.get(k).size() != n)
                throw new IllegalArgumentException("values of layer " + k + " has " + values.get(k).size() + " entries but the layer has "
                        + n + " neurons");
        }
        int colGap = 210, rowGap = 95, top = 50, left = 60;
        int tallest = names.stream().mapToInt(List::size).max().orElse(1);
        int width = left * 2 + colGap * mlp.depth(), height = top * 2 + rowGap * (tallest - 1) + 30;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" font-family=\"sans-serif\" font-size=\"12\">\n");
        StringBuilder text = new StringBuilder();
        for (int k = 1; k <= mlp.depth(); k++) {
            var W = mlp.layers.get(k - 1).W;
            for (int j = 0; j < W.numRows; j++)
                for (int i = 0; i < W.numCols; i++) {
                    double x1 = x(k - 1, left, colGap), y1 = y(i, names.get(k - 1).size(), tallest, top, rowGap);
                    double x2 = x(k, left, colGap), y2 = y(j, names.get(k).size(), tallest, top, rowGap);
                    svg.append(String.format("<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#999\"/>%n", x1, y1, x2, y2));
                    double tx = x1 + (x2 - x1) * 0.3, ty = y1 + (y2 - y1) * 0.3 - 3;
                    svg.append(String.format("<text x=\"%.0f\" y=\"%.0f\" fill=\"#a33\" text-anchor=\"middle\">%s</text>%n", tx, ty, Numbers.format(W.get(j, i))));
                    text.append(names.get(k - 1).get(i)).append(" → ").append(names.get(k).get(j)).append(": ").append(Numbers.format(W.get(j, i))).append('\n');
                }
        }
        for (int k = 0; k < names.size(); k++)
            for (int i = 0; i < names.get(k).size(); i++) {
                double cx = x(k, left, colGap), cy = y(i, names.get(k).size(), tallest, top, rowGap);
                svg.append(String.format("<circle cx=\"%.0f\" cy=\"%.0f\" r=\"18\" fill=\"#e8f0fb\" stroke=\"#336\"/>%n", cx, cy));
                svg.append(String.format("<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>%n", cx, cy + 4, escape(names.get(k).get(i))));
                if (values != null && values.get(k) != null)
                    svg.append(String.format("<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"middle\" fill=\"#336\">%s</text>%n", cx, cy + 34, escape(String.valueOf(values.get(k).get(i)))));
            }
        svg.append("</svg>\n");
        return MimeBundle.of("Network diagram, every connection with its weight:\n" + text, "text/html", svg.toString());
    }

    /** Text as SVG character data: a name such as "x<1" must not open a tag. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static double x(int layer, int left, int gap) { return left + layer * gap; }

    private static double y(int i, int n, int tallest, int top, int gap) { return top + (tallest - n) * gap / 2.0 + i * gap; }
}
