package gradnotes.plot;

import gradnotes.notebook.Displayable;
import gradnotes.notebook.FigureJson;
import gradnotes.notebook.MimeBundle;
import gradnotes.notebook.Numbers;
import gradnotes.notebook.Symbols;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;

/**
 * A line chart with a slider: the same lines computed at every value of one parameter (a spectral
 * radius, a weight scale, a dimension), one plotly animation frame per value, and a slider under the
 * plot that switches between them. Everything is computed when the cell runs; moving the slider needs
 * no kernel, so the figure stays interactive in a saved notebook and in the offline handouts.
 *
 * <pre>{@code
 * var sweep = Sweep.of("ρ", new double[] {0.5, 0.9, 1.1}, rho -> traceAt(rho), "t", "norm")
 *         .by("series").logY().title("‖∂h_T/∂h_t‖ as ρ(W_hh) moves").build();
 * show(sweep);
 * sweep.table(0.9);   // the numbers the frame for ρ = 0.9 draws, for a check cell
 * }</pre>
 * The axes keep one range over all frames, so a line that moves is seen to move.
 */
public final class Sweep {
    private final String parameter;
    private final double[] values;
    private final DoubleFunction<Table> tableAt;
    private final String x, y;
    private String series, title = "", xTitle, yTitle;
    private boolean logX, logY, markers;
    private final Set<String> dashed = new LinkedHashSet<>();
    private int width = 720, height = 420, start;

    private Sweep(String parameter, double[] values, DoubleFunction<Table> tableAt, String x, String y) {
        if (parameter == null || parameter.isBlank())
            throw new IllegalArgumentException("parameter is " + (parameter == null ? "null" : "blank") + ", expected its name, e.g. \"ρ\"");
        if (values == null || values.length < 2)
            throw new IllegalArgumentException("a sweep needs at least 2 values of " + parameter + ", got "
                    + (values == null ? "none" : values.length));
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i]))
                throw new IllegalArgumentException(parameter + " value " + i + " is " + values[i] + ", expected a finite number");
            for (int j = 0; j < i; j++)
                if (label(values[i]).equals(label(values[j])))
                    throw new IllegalArgumentException(parameter + " values " + values[j] + " and " + values[i]
                            + " look the same on the slider (" + label(values[i]) + "); give distinct values");
        }
        if (tableAt == null) throw new IllegalArgumentException("tableAt is null, expected the table of points at each value of " + parameter);
        this.parameter = parameter;
        this.values = values.clone();
        this.tableAt = tableAt;
        this.x = x;
        this.y = y;
        this.xTitle = x;
        this.yTitle = y;
    }

    /**
     * A sweep over {@code values} of {@code parameter}; {@code tableAt} gives, for one value, a
     * long-format table with numeric columns {@code x} and {@code y} (as {@link LineChart} draws it).
     */
    public static Sweep of(String parameter, double[] values, DoubleFunction<Table> tableAt, String x, String y) {
        return new Sweep(parameter, values, tableAt, x, y);
    }

    /** One line per distinct value of this column; every frame must have the same series. */
    public Sweep by(String seriesColumn) {
        if (seriesColumn == null) throw new IllegalArgumentException("seriesColumn is null, expected the column that names each series");
        this.series = seriesColumn;
        return this;
    }

    public Sweep title(String t) { this.title = text(t, "title"); return this; }

    public Sweep xTitle(String t) { this.xTitle = text(t, "xTitle"); return this; }

    public Sweep yTitle(String t) { this.yTitle = text(t, "yTitle"); return this; }

    public Sweep logY() { this.logY = true; return this; }

    public Sweep logX() { this.logX = true; return this; }

    public Sweep markers() { this.markers = true; return this; }

    /** Draw this series dashed: a formula or a bound, next to measured lines. */
    public Sweep dashed(String seriesName) { this.dashed.add(text(seriesName, "seriesName")); return this; }

    /** The value the slider shows first (one of the values; the first one unless set). */
    public Sweep startAt(double value) {
        for (int i = 0; i < values.length; i++)
            if (values[i] == value) { start = i; return this; }
        throw new IllegalArgumentException(parameter + " = " + value + " is not one of the sweep's values " + labels());
    }

    public Sweep size(int width, int height) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("width and height must be at least 1 pixel, got " + width + " × " + height + " (size)");
        this.width = width;
        this.height = height;
        return this;
    }

    private static String text(String t, String name) {
        if (t == null) throw new IllegalArgumentException(name + " is null, expected a text (\"\" for none)");
        return t;
    }

    /** Computes every frame. */
    public Figure build() {
        List<Table> tables = new ArrayList<>();
        List<Map<String, Object>> frames = new ArrayList<>();
        Map<String, Object> layout = null;
        List<String> names = null;
        double[] xRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] yRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : values) {
            Table t = tableAt.apply(v);
            if (t == null) throw new IllegalArgumentException("tableAt gave no table for " + parameter + " = " + label(v));
            LineChart chart = LineChart.of(t, x, y).title(title).xTitle(xTitle).yTitle(yTitle).size(width, height + SLIDER_HEIGHT);
            if (series != null) chart.by(series);
            if (logX) chart.logX();
            if (logY) chart.logY();
            if (markers) chart.markers();
            Map<String, Object> json = FigureJson.of(chart.build());
            @SuppressWarnings("unchecked") List<Map<String, Object>> data = (List<Map<String, Object>>) json.get("data");
            List<String> frameNames = new ArrayList<>();
            List<Object> styled = new ArrayList<>();
            List<String> raw = seriesNames(t);
            for (int i = 0; i < data.size(); i++) {
                String name = i < raw.size() ? raw.get(i) : "";
                frameNames.add(name);
                Map<String, Object> copy = new LinkedHashMap<>(data.get(i));
                if (dashed.contains(name)) copy.put("line", Map.of("dash", "dash"));
                styled.add(copy);
            }
            if (names == null) names = frameNames;
            else if (!names.equals(frameNames))
                throw new IllegalArgumentException("at " + parameter + " = " + label(v) + " the series are " + frameNames
                        + ", at " + label(values[0]) + " they were " + names + ": every value needs the same series");
            widen(xRange, t.numberColumn(x), logX);
            widen(yRange, t.numberColumn(y), logY);
            if (layout == null) {
                @SuppressWarnings("unchecked") Map<String, Object> l = (Map<String, Object>) json.get("layout");
                layout = new LinkedHashMap<>(l);
            }
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("name", label(v));
            frame.put("data", styled);
            frames.add(frame);
            tables.add(t);
        }
        for (String d : dashed)
            if (!names.contains(d)) throw new IllegalArgumentException("dashed series " + d + " is not among the series " + names);
        setRange(layout, "xaxis", xRange, logX);
        setRange(layout, "yaxis", yRange, logY);
        Map<String, Object> margin = new LinkedHashMap<>();
        if (layout.get("margin") instanceof Map<?, ?> m) m.forEach((k, val) -> margin.put(String.valueOf(k), val));
        margin.put("b", 50 + SLIDER_HEIGHT);
        layout.put("margin", margin);
        layout.put("sliders", List.of(slider()));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", frames.get(start).get("data"));
        json.put("layout", layout);
        json.put("frames", frames);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("displaylogo", false);
        json.put("config", config);
        String plain = Symbols.plain("Figure with a slider over " + parameter + " = " + String.join(", ", labels()) + ": "
                + (title.isBlank() ? y + " against " + x : title) + " (" + names.size() + " series"
                + (series == null ? "" : ": " + String.join(", ", names)) + ")");
        return new Figure(parameter, values.clone(), List.copyOf(tables), json, plain);
    }

    static final int SLIDER_HEIGHT = 90;

    /** The series of one frame's table as written (before {@link Symbols#html}), in order of first appearance. */
    private List<String> seriesNames(Table t) {
        if (series == null) return List.of("");
        Set<String> names = new LinkedHashSet<>();
        for (int r = 0; r < t.rowCount(); r++) names.add(t.getString(r, series));
        return List.copyOf(names);
    }

    private Map<String, Object> slider() {
        List<Object> steps = new ArrayList<>();
        for (double v : values) {
            Map<String, Object> animation = new LinkedHashMap<>();
            animation.put("mode", "immediate");
            animation.put("frame", Map.of("duration", 0, "redraw", true));
            animation.put("transition", Map.of("duration", 0));
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("label", label(v));
            step.put("method", "animate");
            step.put("args", List.of(List.of(label(v)), animation));
            steps.add(step);
        }
        Map<String, Object> slider = new LinkedHashMap<>();
        slider.put("active", start);
        slider.put("currentvalue", Map.of("prefix", Symbols.html(parameter) + " = "));
        slider.put("pad", Map.of("t", 60));
        slider.put("steps", steps);
        return slider;
    }

    private static void widen(double[] range, NumericColumn<?> column, boolean log) {
        for (int r = 0; r < column.size(); r++) {
            double v = column.getDouble(r);
            if (!Double.isFinite(v) || (log && v <= 0)) continue;
            double p = log ? Math.log10(v) : v;
            range[0] = Math.min(range[0], p);
            range[1] = Math.max(range[1], p);
        }
    }

    /** One range for all frames (plotly does not re-fit axes between frames), with 5 % room each side. */
    private static void setRange(Map<String, Object> layout, String axis, double[] range, boolean log) {
        if (!(range[0] <= range[1])) return;
        double pad = range[1] > range[0] ? 0.05 * (range[1] - range[0]) : (log ? 0.5 : Math.max(0.5, Math.abs(range[0]) * 0.1));
        Map<String, Object> a = new LinkedHashMap<>();
        if (layout.get(axis) instanceof Map<?, ?> m) m.forEach((k, val) -> a.put(String.valueOf(k), val));
        a.put("range", List.of(range[0] - pad, range[1] + pad));
        if (log && range[1] - range[0] > 2) {
            // the first frame's 1-2-5 ticks (LineChart, for a short range) would label only part of this one
            a.remove("tickmode");
            a.remove("tickvals");
            a.remove("ticktext");
        }
        a.put("autorange", false);
        layout.put(axis, a);
    }

    private List<String> labels() {
        List<String> out = new ArrayList<>();
        for (double v : values) out.add(label(v));
        return out;
    }

    private static String label(double v) { return Numbers.sig(v); }

    /**
     * A built sweep: the plotly figure with its frames and slider, and the table behind every frame,
     * so that a check cell can test a claim on exactly what the slider shows.
     */
    public record Figure(String parameter, double[] values, List<Table> tables, Map<String, Object> json, String description)
            implements Displayable {
        /** The points drawn at {@code value}, one of the sweep's values. */
        public Table table(double value) {
            for (int i = 0; i < values.length; i++) if (values[i] == value) return tables.get(i);
            throw new IllegalArgumentException(parameter + " = " + value + " is not one of the sweep's values");
        }

        /** The plotly JSON, the HTML form (drawn with the page's plotly.js, frames included) and a line of text. */
        @Override public MimeBundle toBundle() { return gradnotes.notebook.Display.plotly(json, description); }
    }
}
