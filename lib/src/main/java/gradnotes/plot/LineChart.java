package gradnotes.plot;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Margin;
import tech.tablesaw.plotly.components.TickSettings;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line per series from a long-format table (columns x, y and optionally a series label):
 * gradient norm over time steps, loss over training steps, an activation's derivative over its input.
 *
 * <pre>{@code
 * Figure f = LineChart.of(trace, "t", "norm").by("series").logY()
 *         .title("‖∂h_T/∂h_t‖").xTitle("t").build();
 * }</pre>
 * Building draws nothing; hand the figure to {@code show}.
 */
public final class LineChart {
    private final Table table;
    private final String x, y;
    private String series, title = "", xTitle, yTitle;
    private boolean logX, logY, markers;
    private double[] yTicks;
    private final java.util.Set<String> dashed = new java.util.LinkedHashSet<>();
    private int width = 720, height = 420;

    private LineChart(Table table, String x, String y) {
        if (table == null) throw new IllegalArgumentException("table is null, expected a table with columns " + x + " and " + y);
        this.table = table;
        this.x = requireNumeric(table, x);
        this.y = requireNumeric(table, y);
        this.xTitle = x;
        this.yTitle = y;
    }

    /** A chart of column {@code y} against column {@code x} of {@code table}. */
    public static LineChart of(Table table, String x, String y) { return new LineChart(table, x, y); }

    /** One line per distinct value of this (string) column, in order of first appearance. */
    public LineChart by(String seriesColumn) {
        if (seriesColumn == null) throw new IllegalArgumentException("seriesColumn is null, expected a column of table " + table.name());
        if (!table.columnNames().contains(seriesColumn))
            throw new IllegalArgumentException("table " + table.name() + " has no column " + seriesColumn + "; it has " + table.columnNames());
        this.series = seriesColumn;
        return this;
    }

    public LineChart title(String t) { this.title = text(t, "title"); return this; }

    public LineChart xTitle(String t) { this.xTitle = text(t, "xTitle"); return this; }

    public LineChart yTitle(String t) { this.yTitle = text(t, "yTitle"); return this; }

    private static String text(String t, String name) {
        if (t == null) throw new IllegalArgumentException(name + " is null, expected a text (\"\" for none)");
        return t;
    }

    /** Logarithmic y axis: exponential growth or decay shows as a straight line. Non-positive values are not drawn. */
    public LineChart logY() { this.logY = true; return this; }

    public LineChart logX() { this.logX = true; return this; }

    /**
     * Label the y axis at exactly these values (written with up to three significant digits): for a
     * log axis over less than two decades, where powers of ten alone would leave one label or none.
     */
    public LineChart yTicks(double... values) {
        if (values.length == 0) throw new IllegalArgumentException("yTicks needs at least one value");
        this.yTicks = values.clone();
        return this;
    }

    /**
     * Draw these series as dashed lines without markers: formulas, bounds and reference lines
     * (a chance level, a slope), so they read apart from measured or simulated series.
     */
    public LineChart dashed(String... seriesNames) {
        if (seriesNames == null || seriesNames.length == 0)
            throw new IllegalArgumentException("seriesNames is empty, expected the names of the series to draw dashed");
        for (String n : seriesNames) dashed.add(text(n, "a dashed series name"));
        return this;
    }

    /** Draw a marker at every point as well as the line (dashed series excepted). */
    public LineChart markers() { this.markers = true; return this; }

    public LineChart size(int width, int height) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("width and height must be at least 1 pixel, got " + width + " × " + height + " (size)");
        this.width = width;
        this.height = height;
        return this;
    }

    public Figure build() {
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (int r = 0; r < table.rowCount(); r++)
            rows.computeIfAbsent(series == null ? "" : table.getString(r, series), k -> new ArrayList<>()).add(r);
        NumericColumn<?> xs = table.numberColumn(x), ys = table.numberColumn(y);
        List<Trace> traces = new ArrayList<>();
        for (String d : dashed)
            if (!rows.containsKey(d)) throw new IllegalArgumentException("dashed series " + d + " is not among the series " + rows.keySet());
        for (var e : rows.entrySet()) {
            double[] xv = e.getValue().stream().mapToDouble(xs::getDouble).toArray();
            double[] yv = e.getValue().stream().mapToDouble(ys::getDouble).toArray();
            boolean dash = dashed.contains(e.getKey());
            var trace = ScatterTrace.builder(xv, yv)
                    .mode(markers && !dash ? ScatterTrace.Mode.LINE_AND_MARKERS : ScatterTrace.Mode.LINE)
                    .name(e.getKey()).showLegend(series != null);
            if (dash) trace.line(tech.tablesaw.plotly.components.Line.builder().dash(tech.tablesaw.plotly.components.Line.Dash.DASH).build());
            traces.add(trace.build());
        }
        Layout layout = Layout.builder()
                .title(title).width(width).height(height)
                .margin(Margin.builder().top(50).bottom(50).left(70).right(20).build())
                .xAxis(axis(xTitle, logX, xs))
                .yAxis(yTicks == null ? axis(yTitle, logY, ys) : tickedAxis(yTitle, logY, yTicks))
                .showLegend(series != null)
                .build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /**
     * Log axes label their ticks as powers of ten (10⁻⁸), not with SI prefixes (10n), which mean little here,
     * and label at most about {@value #LOG_LABELS} of them: over 26 decades, every third power of ten.
     */
    private static Axis axis(String title, boolean log, NumericColumn<?> values) {
        Axis.AxisBuilder b = Axis.builder().title(title).type(log ? Axis.Type.LOG : Axis.Type.LINEAR);
        if (log) {
            TickSettings.TickSettingsBuilder ticks = TickSettings.builder().exponentFormat(TickSettings.ExponentFormat.POWER);
            int decades = decades(values);
            if (decades > LOG_LABELS) ticks.dTick((decades + LOG_LABELS - 1) / LOG_LABELS);
            double[] few = oneTwoFive(values);
            if (few != null && few.length >= 3) return tickedAxis(title, true, few);
            b.tickSettings(ticks.build());
        }
        return b.build();
    }

    private static Axis tickedAxis(String title, boolean log, double[] ticks) {
        String[] labels = new String[ticks.length];
        for (int i = 0; i < ticks.length; i++)
            labels[i] = tickLabel(ticks[i]);
        return Axis.builder().title(title).type(log ? Axis.Type.LOG : Axis.Type.LINEAR)
                .tickSettings(TickSettings.builder().tickMode(TickSettings.TickMode.ARRAY).arrayTicks(ticks, labels).build())
                .build();
    }

    /** Up to three significant digits; below 0.001 and from 10 000 as m×10ᵉ (plotly draws the {@code <sup>}). */
    static String tickLabel(double v) {
        var d = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a == 0 || (a >= 1e-3 && a < 1e4)) return d.toPlainString();
        int exponent = d.precision() - d.scale() - 1;
        String mantissa = d.movePointLeft(exponent).stripTrailingZeros().toPlainString();
        return (mantissa.equals("1") ? "" : mantissa + "×") + "10<sup>" + exponent + "</sup>";
    }

    static final int LOG_LABELS = 10;
    static final double SHORT_SPAN = 2.5;

    /**
     * Ticks at 1, 2 and 5 times the powers of ten within the positive values' range, widened to the
     * neighbouring ticks, when the values span at most {@value #SHORT_SPAN} decades (where powers of
     * ten alone would label two ticks or fewer); null for a longer span.
     */
    static double[] oneTwoFive(NumericColumn<?> values) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (int r = 0; r < values.size(); r++) {
            double v = values.getDouble(r);
            if (v > 0 && Double.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        }
        if (hi == 0 || Math.log10(hi / lo) > SHORT_SPAN) return null;
        List<Double> ticks = new ArrayList<>();
        for (int e = (int) Math.floor(Math.log10(lo)) - 1; e <= (int) Math.ceil(Math.log10(hi)); e++)
            for (double m : new double[] {1, 2, 5}) {
                double t = m * Math.pow(10, e);
                if (t >= lo / 2.5 && t <= hi * 2.5) ticks.add(Double.parseDouble(String.format("%.3g", t)));
            }
        return ticks.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** How many powers of ten the positive values span (0 when there are none). */
    static int decades(NumericColumn<?> values) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (int r = 0; r < values.size(); r++) {
            double v = values.getDouble(r);
            if (v > 0 && Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return hi == 0 ? 0 : (int) (Math.ceil(Math.log10(hi)) - Math.floor(Math.log10(lo)));
    }

    private static String requireNumeric(Table t, String name) {
        if (name == null) throw new IllegalArgumentException("a column name is null, expected a column of table " + t.name() + ", which has " + t.columnNames());
        if (!t.columnNames().contains(name))
            throw new IllegalArgumentException("table " + t.name() + " has no column " + name + "; it has " + t.columnNames());
        if (!(t.column(name) instanceof NumericColumn))
            throw new IllegalArgumentException("column " + name + " of " + t.name() + " is " + t.column(name).type() + ", a chart axis needs numbers");
        return name;
    }
}
