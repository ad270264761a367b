package gradnotes.plot;

import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.HoverLabel;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Margin;
import tech.tablesaw.plotly.traces.Trace;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A matrix of non-negative magnitudes (norms, weights) as a heatmap on a sequential colour scale that
 * starts at 0 (white) and ends at a given maximum (dark blue), with each value written in its cell.
 * Two heatmaps built with the same {@link #max} share one scale, so equal colours mean equal values
 * across figures; a diverging scale, or one fitted to each matrix, would make a different value look
 * like zero in each figure.
 *
 * <pre>{@code
 * double top = Math.max(CommonOps_DDRM.elementMax(a), CommonOps_DDRM.elementMax(b));
 * Figure fa = ValueHeatmap.of(a).max(top).title("A").build(), fb = ValueHeatmap.of(b).max(top).title("B").build();
 * }</pre>
 */
public final class ValueHeatmap {
    static final String LIGHT = "#f7fbff", MID = "#6baed6", DARK = "#08306b";

    private final DMatrixRMaj m;
    private Object[] rowLabels, columnLabels;
    private String title = "", xTitle = "", yTitle = "", scaleTitle = "";
    private double max = Double.NaN;
    private int digits = 3, width = 520, height = 420;

    private ValueHeatmap(DMatrixRMaj m) {
        if (m == null || m.getNumElements() == 0) throw new IllegalArgumentException("a heatmap needs a non-empty matrix");
        for (int i = 0; i < m.getNumElements(); i++)
            if (!(m.data[i] >= 0) || Double.isInfinite(m.data[i]))
                throw new IllegalArgumentException("a sequential heatmap shows finite values of at least 0; entry ("
                        + i / m.numCols + "," + i % m.numCols + ") is " + m.data[i]);
        this.m = m;
    }

    public static ValueHeatmap of(DMatrixRMaj m) { return new ValueHeatmap(m); }

    public ValueHeatmap rowLabels(Object... labels) {
        if (labels.length != m.numRows)
            throw new IllegalArgumentException(labels.length + " row labels for a matrix with " + m.numRows + " rows");
        this.rowLabels = labels;
        return this;
    }

    public ValueHeatmap columnLabels(Object... labels) {
        if (labels.length != m.numCols)
            throw new IllegalArgumentException(labels.length + " column labels for a matrix with " + m.numCols + " columns");
        this.columnLabels = labels;
        return this;
    }

    /** The value drawn darkest; share it between figures to share the scale. Default: this matrix's largest. */
    public ValueHeatmap max(double max) {
        if (!(max > 0) || Double.isInfinite(max)) throw new IllegalArgumentException("the scale's maximum must be positive, got " + max);
        this.max = max;
        return this;
    }

    /** Significant digits of the values written in the cells (default 3). */
    public ValueHeatmap digits(int digits) {
        if (digits < 1) throw new IllegalArgumentException("digits must be at least 1, got " + digits);
        this.digits = digits;
        return this;
    }

    public ValueHeatmap title(String t) { this.title = t; return this; }

    public ValueHeatmap xTitle(String t) { this.xTitle = t; return this; }

    public ValueHeatmap yTitle(String t) { this.yTitle = t; return this; }

    /** The colour bar's title: the quantity and its norm. */
    public ValueHeatmap scaleTitle(String t) { this.scaleTitle = t; return this; }

    public ValueHeatmap size(int width, int height) { this.width = width; this.height = height; return this; }

    public Figure build() {
        double top = Double.isNaN(max) ? Math.max(largest(), Double.MIN_NORMAL) : max;
        if (largest() > top)
            throw new IllegalArgumentException("the largest value " + largest() + " lies above the scale's maximum " + top);
        Object[] cols = columnLabels != null ? columnLabels : indices(m.numCols);
        Object[] rows = rowLabels != null ? rowLabels : indices(m.numRows);
        // plotly draws z[0] at the bottom; reverse so that row 0 is on top, as when the matrix is printed
        StringBuilder z = new StringBuilder("["), y = new StringBuilder("[");
        StringBuilder tx = new StringBuilder("["), ty = new StringBuilder("["), text = new StringBuilder("["),
                colours = new StringBuilder("[");
        for (int i = 0; i < m.numRows; i++) {
            int src = m.numRows - 1 - i;
            z.append(i == 0 ? "[" : ",[");
            y.append(i == 0 ? "" : ",").append(json(rows[src]));
            for (int j = 0; j < m.numCols; j++) {
                double v = m.get(src, j);
                z.append(j == 0 ? "" : ",").append(v);
                String sep = tx.length() == 1 ? "" : ",";
                tx.append(sep).append(json(cols[j]));
                ty.append(sep).append(json(rows[src]));
                text.append(sep).append(json(format(v, digits)));
                colours.append(sep).append(v > 0.55 * top ? "\"white\"" : "\"black\"");
            }
            z.append(']');
        }
        z.append(']');
        y.append(']');
        tx.append(']');
        ty.append(']');
        text.append(']');
        colours.append(']');
        String heat = "{\"type\": \"heatmap\", \"x\": " + list(cols) + ", \"y\": " + y + ", \"z\": " + z
                + ", \"zmin\": 0, \"zmax\": " + top + ", \"colorscale\": [[0, \"" + LIGHT + "\"], [0.5, \"" + MID
                + "\"], [1, \"" + DARK + "\"]], \"colorbar\": {\"title\": {\"text\": " + json(scaleTitle)
                + "}}, \"name\": \"\", \"showlegend\": false}";
        String labels = "{\"type\": \"scatter\", \"mode\": \"text\", \"x\": " + tx + ", \"y\": " + ty + ", \"text\": "
                + text + ", \"textfont\": {\"color\": " + colours + "}, \"hoverinfo\": \"skip\", \"name\": \"\", "
                + "\"showlegend\": false}";
        Layout layout = Layout.builder().title(title).width(width).height(height)
                .margin(Margin.builder().top(50).bottom(60).left(80).right(20).build())
                .xAxis(Axis.builder().title(xTitle).type(Axis.Type.CATEGORY).build())
                .yAxis(Axis.builder().title(yTitle).type(Axis.Type.CATEGORY).build())
                .showLegend(false)
                .build();
        return new Figure(layout, new JsonTrace(heat), new JsonTrace(labels));
    }

    private double largest() {
        double top = 0;
        for (int i = 0; i < m.getNumElements(); i++) top = Math.max(top, m.data[i]);
        return top;
    }

    /** {@code v} to {@code digits} significant digits, trailing zeros dropped. */
    static String format(double v, int digits) {
        if (v == 0) return "0";
        if (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5) return String.format("%." + (digits - 1) + "e", v);
        return new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }

    private static String list(Object[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) sb.append(i == 0 ? "" : ",").append(json(values[i]));
        return sb.append(']').toString();
    }

    static String json(Object o) {
        String s = String.valueOf(o);
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '<' -> sb.append("\\u003c");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    private static Object[] indices(int n) {
        Object[] labels = new Object[n];
        for (int i = 0; i < n; i++) labels[i] = String.valueOf(i);
        return labels;
    }

    /** A plotly trace written out as JSON, for attributes Tablesaw's traces do not offer (zmin, colorscale, text). */
    record JsonTrace(String json) implements Trace {
        @Override public String asJavascript(int i) { return "var trace" + i + " = " + json + ";"; }

        @Override public String name() { return ""; }

        @Override public HoverLabel hoverLabel() { return null; }

        @Override public boolean showLegend() { return false; }
    }
}
