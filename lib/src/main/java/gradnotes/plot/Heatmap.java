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
        if (m == null || m.getNumElements() == 0) throw new IllegalArgumentException("a heatmap needs a non-empty matrix");
        this.m = m;
    }

    public static Heatmap of(DMatrixRMaj m) { return new Heatmap(m); }

    public Heatmap rowLabels(Object... labels) {
        if (labels.length != m.numRows)
            throw new IllegalArgumentException(labels.length + " row labels for a matrix with " + m.numRows + " rows");
        this.rowLabels = labels;
        return this;
    }

    public Heatmap columnLabels(Object... labels) {
        if (labels.length != m.numCols)
            throw new IllegalArgumentException(labels.length + " column labels for a matrix with " + m.numCols + " columns");
        this.columnLabels = labels;
        return this;
    }

    public Heatmap title(String t) { this.title = t; return this; }

    public Heatmap xTitle(String t) { this.xTitle = t; return this; }

    public Heatmap yTitle(String t) { this.yTitle = t; return this; }

    public Heatmap size(int width, int height) { this.width = width; this.height = height; return this; }

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
