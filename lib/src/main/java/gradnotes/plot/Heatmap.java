package gradnotes.plot;

import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Margin;

/**
 * A matrix as a grid of colours, row 0 at the top: attention weights (rows = queries, columns = keys),
 * positional encodings (rows = dimensions, columns = positions), Jacobians.
 *
 * <p>The colour scale follows the values: a matrix with no negative entry (weights, magnitudes) is
 * drawn on a sequential scale from 0 (white) to its largest entry or to {@link #max} (dark blue), so
 * two heatmaps built with the same maximum can be compared colour for colour; a matrix with negative
 * entries on a diverging scale, red below 0 and blue above, white at 0, symmetric about 0.
 *
 * <pre>{@code
 * Figure f = Heatmap.of(weights).rowLabels(queries).columnLabels(keys).title("attention").build();
 * }</pre>
 */
public final class Heatmap {
    private final DMatrixRMaj m;
    private Object[] rowLabels, columnLabels;
    private String title = "", xTitle = "", yTitle = "", scaleTitle = "";
    private double max = Double.NaN;
    private int width = 560, height = 460;

    private Heatmap(DMatrixRMaj m) {
        if (m == null || m.getNumElements() == 0)
            throw new IllegalArgumentException("m is " + (m == null ? "null" : m.numRows + "×" + m.numCols) + ": a heatmap needs a non-empty matrix");
        for (int i = 0; i < m.numRows; i++)
            for (int j = 0; j < m.numCols; j++)
                if (!Double.isFinite(m.unsafe_get(i, j)))
                    throw new IllegalArgumentException("m[" + i + "," + j + "] is " + m.unsafe_get(i, j) + ": a heatmap colours finite numbers only");
        this.m = m;
    }

    private static Object[] labels(Object[] labels, int n, String what) {
        if (labels == null) throw new IllegalArgumentException(what + " labels is null, expected " + n + " labels");
        if (labels.length != n) return labels;
        for (int i = 0; i < n; i++) if (labels[i] == null) throw new IllegalArgumentException(what + " label " + i + " is null, expected a label");
        return labels;
    }

    private static String text(String t, String name) {
        if (t == null) throw new IllegalArgumentException(name + " is null, expected a text (\"\" for none)");
        return t;
    }

    private static int pixels(int v, String name) {
        if (v < 1) throw new IllegalArgumentException(name + " must be at least 1 pixel, got " + v + " (size)");
        return v;
    }

    public static Heatmap of(DMatrixRMaj m) { return new Heatmap(m); }

    public Heatmap rowLabels(Object... labels) {
        labels(labels, m.numRows, "row");
        if (labels.length != m.numRows)
            throw new IllegalArgumentException(labels.length + " row labels for a matrix with " + m.numRows + " rows: expected one per row");
        this.rowLabels = labels;
        return this;
    }

    public Heatmap columnLabels(Object... labels) {
        labels(labels, m.numCols, "column");
        if (labels.length != m.numCols)
            throw new IllegalArgumentException(labels.length + " column labels for a matrix with " + m.numCols + " columns: expected one per column");
        this.columnLabels = labels;
        return this;
    }

    public Heatmap title(String t) { this.title = text(t, "title"); return this; }

    public Heatmap xTitle(String t) { this.xTitle = text(t, "xTitle"); return this; }

    public Heatmap yTitle(String t) { this.yTitle = text(t, "yTitle"); return this; }

    /**
     * The value drawn darkest, for a matrix without negative entries: give two heatmaps the same
     * maximum (attention weights: 1) to put them on one scale. Default: this matrix's largest entry.
     */
    public Heatmap max(double max) {
        if (!(max > 0) || Double.isInfinite(max)) throw new IllegalArgumentException("max must be a positive finite number, got " + max);
        this.max = max;
        return this;
    }

    /** The colour bar's title: the quantity shown. */
    public Heatmap scaleTitle(String t) { this.scaleTitle = text(t, "scaleTitle"); return this; }

    public Heatmap size(int width, int height) { this.width = pixels(width, "width"); this.height = pixels(height, "height"); return this; }

    public Figure build() {
        Object[] cols = columnLabels != null ? columnLabels : indices(m.numCols);
        Object[] rows = rowLabels != null ? rowLabels : indices(m.numRows);
        // plotly draws z[0] at the bottom; reverse so that row 0 is on top, as when the matrix is printed
        double[][] z = new double[m.numRows][];
        Object[] y = new Object[m.numRows];
        for (int i = 0; i < m.numRows; i++) {
            int src = m.numRows - 1 - i;
            z[i] = new double[m.numCols];
            for (int j = 0; j < m.numCols; j++) z[i][j] = m.get(src, j);
            y[i] = rows[src];
        }
        Layout layout = Layout.builder().title(title).width(width).height(height)
                .margin(Margin.builder().top(50).bottom(60).left(80).right(20).build())
                .xAxis(Axis.builder().title(xTitle).type(Axis.Type.CATEGORY).build())
                .yAxis(Axis.builder().title(yTitle).type(Axis.Type.CATEGORY).build())
                .build();
        double lowest = Double.POSITIVE_INFINITY, largest = 0;
        for (double[] row : z) for (double v : row) { lowest = Math.min(lowest, v); largest = Math.max(largest, Math.abs(v)); }
        boolean sequential = lowest >= 0;
        if (!sequential && !Double.isNaN(max))
            throw new IllegalArgumentException("max is for a matrix without negative entries; this one has " + lowest);
        double top = !Double.isNaN(max) ? max : Math.max(largest, Double.MIN_NORMAL);
        if (sequential && largest > top)
            throw new IllegalArgumentException("the largest entry " + largest + " lies above max " + top);
        String scale = sequential
                ? "\"zmin\": 0, \"zmax\": " + top + ", \"colorscale\": [[0, \"" + ValueHeatmap.LIGHT + "\"], [0.5, \""
                        + ValueHeatmap.MID + "\"], [1, \"" + ValueHeatmap.DARK + "\"]]"
                : "\"zmin\": " + (-top) + ", \"zmax\": " + top + ", \"colorscale\": [[0, \"#b2182b\"], [0.5, \"#f7f7f7\"], "
                        + "[1, \"#2166ac\"]]";
        StringBuilder zs = new StringBuilder("[");
        for (int i = 0; i < z.length; i++) {
            zs.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < z[i].length; j++) zs.append(j == 0 ? "" : ",").append(z[i][j]);
            zs.append(']');
        }
        String trace = "{\"type\": \"heatmap\", \"x\": " + list(cols) + ", \"y\": " + list(y) + ", \"z\": " + zs.append(']')
                + ", " + scale + ", \"colorbar\": {\"title\": {\"text\": " + ValueHeatmap.json(scaleTitle) + "}}, "
                + "\"name\": \"\", \"showlegend\": false}";
        return new Figure(layout, new ValueHeatmap.JsonTrace(trace));
    }

    private static String list(Object[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) sb.append(i == 0 ? "" : ",").append(ValueHeatmap.json(values[i]));
        return sb.append(']').toString();
    }

    private static Object[] indices(int n) {
        Object[] labels = new Object[n];
        for (int i = 0; i < n; i++) labels[i] = String.valueOf(i);
        return labels;
    }
}
