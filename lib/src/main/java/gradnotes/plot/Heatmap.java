package gradnotes.plot;

import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Margin;
import tech.tablesaw.plotly.traces.HeatmapTrace;

/**
 * A matrix as a grid of colours, row 0 at the top: attention weights (rows = queries, columns = keys),
 * positional encodings (rows = dimensions, columns = positions), Jacobians.
 *
 * <pre>{@code
 * Figure f = Heatmap.of(weights).rowLabels(queries).columnLabels(keys).title("attention").build();
 * }</pre>
 */
public final class Heatmap {
    private final DMatrixRMaj m;
    private Object[] rowLabels, columnLabels;
    private String title = "", xTitle = "", yTitle = "";
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
        return new Figure(layout, HeatmapTrace.builder(cols, y, z).build());
    }

    private static Object[] indices(int n) {
        Object[] labels = new Object[n];
        for (int i = 0; i < n; i++) labels[i] = String.valueOf(i);
        return labels;
    }
}
