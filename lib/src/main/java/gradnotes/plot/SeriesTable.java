package gradnotes.plot;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;

/**
 * Several named series of (x, y) points collected into one long-format table (columns x, y and
 * "series"), the shape {@link LineChart#by(String)} draws as one line per series.
 *
 * <pre>{@code
 * var decay = new SeriesTable("t", "|∂h_T/∂h_t|");
 * decay.add("W_hh = 0.5", t -> Math.pow(0.5, 50 - t), 0, 50);
 * show(LineChart.of(decay.table(), "t", "|∂h_T/∂h_t|").by("series").logY().build());
 * }</pre>
 */
public final class SeriesTable {
    private final String x, y;
    private final DoubleColumn xs, ys;
    private final StringColumn series = StringColumn.create("series");

    public SeriesTable(String x, String y) {
        if (x == null || y == null) throw new IllegalArgumentException("column names must be given, got x = " + x + ", y = " + y);
        if (x.equals(y) || x.equals("series") || y.equals("series"))
            throw new IllegalArgumentException("column names must differ from each other and from \"series\", got " + x + ", " + y);
        this.x = x;
        this.y = y;
        this.xs = DoubleColumn.create(x);
        this.ys = DoubleColumn.create(y);
    }

    /** Adds one point to {@code name}. */
    public SeriesTable add(String name, double xv, double yv) {
        requireName(name);
        series.append(name);
        xs.append(xv);
        ys.append(yv);
        return this;
    }

    /** Adds {@code f(i)} for every whole number i from {@code from} to {@code to}, both included. */
    public SeriesTable add(String name, IntToDoubleFunction f, int from, int to) {
        requireName(name);
        if (f == null) throw new IllegalArgumentException("f is null, expected the function to sample");
        if (to < from) throw new IllegalArgumentException("empty range " + from + ".." + to);
        for (int i = from; i <= to; i++) add(name, i, f.applyAsDouble(i));
        return this;
    }

    /** Adds {@code f} sampled at {@code n} evenly spaced points from {@code from} to {@code to}. */
    public SeriesTable add(String name, DoubleUnaryOperator f, double from, double to, int n) {
        requireName(name);
        if (f == null) throw new IllegalArgumentException("f is null, expected the function to sample");
        if (!Double.isFinite(from) || !Double.isFinite(to))
            throw new IllegalArgumentException("from and to must be finite numbers, got " + from + " and " + to);
        if (n < 2) throw new IllegalArgumentException("sampling needs at least 2 points, got " + n);
        for (int i = 0; i < n; i++) {
            double v = from + (to - from) * i / (n - 1);
            add(name, v, f.applyAsDouble(v));
        }
        return this;
    }

    /** Adds the points {@code (xs[i], ys[i])}. */
    public SeriesTable add(String name, double[] xv, double[] yv) {
        requireName(name);
        if (xv == null || yv == null) throw new IllegalArgumentException(name + ": xs and ys must be given, got "
                + (xv == null ? "no x values" : xv.length + " x values") + " and " + (yv == null ? "no y values" : yv.length + " y values"));
        if (xv.length != yv.length) throw new IllegalArgumentException(name + ": " + xv.length + " x values but " + yv.length + " y values");
        for (int i = 0; i < xv.length; i++) add(name, xv[i], yv[i]);
        return this;
    }

    private static void requireName(String name) {
        if (name == null) throw new IllegalArgumentException("name is null, expected the series' name");
    }

    public String x() { return x; }

    public String y() { return y; }

    /**
     * The y value of series {@code series} at {@code x} in a long-format table (x in its first column,
     * y in its second, the series' names in a column "series"), as {@link #table()} and
     * {@code GradientTrace} make them: what a check cell reads off a plotted line.
     * {@code SeriesTable.at(trace, "ρ = 1.2", 0)} is the norm of that line at t = 0.
     */
    public static double at(Table table, String series, double x) {
        if (table == null) throw new IllegalArgumentException("table is null, expected a table with columns x, y and series");
        if (series == null) throw new IllegalArgumentException("series is null, expected the name of one of the table's series");
        if (table.columnCount() < 2 || !(table.column(0) instanceof tech.tablesaw.api.NumericColumn<?> xs)
                || !(table.column(1) instanceof tech.tablesaw.api.NumericColumn<?> ys) || !table.columnNames().contains("series"))
            throw new IllegalArgumentException("table " + table.name() + " has columns " + table.columnNames()
                    + ": expected numbers x and y in its first two columns and a column \"series\"");
        var names = table.stringColumn("series");
        boolean seen = false;
        for (int r = 0; r < table.rowCount(); r++) {
            if (!series.equals(names.get(r))) continue;
            seen = true;
            if (xs.getDouble(r) == x) return ys.getDouble(r);
        }
        throw new IllegalArgumentException(seen ? "series " + series + " has no point at x = " + x + " in table " + table.name()
                : "table " + table.name() + " has no series " + series + "; expected one of " + names.unique().asList());
    }

    /** The collected points (a copy: adding more later does not change it). */
    public Table table() {
        return Table.create(y + " against " + x, xs.copy(), ys.copy(), series.copy());
    }
}
