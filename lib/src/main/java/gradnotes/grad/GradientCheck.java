package gradnotes.grad;

import gradnotes.nn.Parameters;
import gradnotes.nn.Shapes;
import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;

/**
 * Compares an analytic gradient with central differences,
 * {@code ∂L/∂θ ≈ (L(θ + h) − L(θ − h)) / 2h}, one entry at a time.
 *
 * <p>Per entry the relative error is {@code |a − n| / max(|a|, |n|, floor)}. Central differences
 * in double precision resolve a derivative to roughly 1e-10 absolute, so below {@code floor}
 * (default 1e-4) the comparison is effectively absolute; a wrong gradient still shows up as an
 * error near 1, a right one lands near 1e-8 or below. An entry where either gradient is not a finite number
 * (an infinite analytic gradient, a loss that overflows) has an infinite error: it fails every tolerance.
 *
 * <pre>{@code
 * var report = GradientCheck.of(() -> loss(model), model.parameters(), grads);
 * report.passed(1e-6);   // or show(report.table())
 * }</pre>
 */
public final class GradientCheck {
    /** Default finite-difference step. */
    public static final double STEP = 1e-5;
    /** Default magnitude below which the error is measured against this floor rather than the gradient. */
    public static final double FLOOR = 1e-4;

    private GradientCheck() {}

    /** One parameter's verdict: its worst entry and how far apart the two gradients are there. */
    public record Entry(String name, int rows, int cols, int worstRow, int worstCol,
                        double analytic, double numeric, double maxRelativeError, double maxAbsoluteError) {
        public boolean passed(double tolerance) { return maxRelativeError <= tolerance; }
    }

    /** The verdict for every parameter checked. */
    public record Report(List<Entry> entries) {
        public double maxRelativeError() {
            return entries.stream().mapToDouble(Entry::maxRelativeError).max().orElse(0);
        }

        public boolean passed(double tolerance) { return maxRelativeError() <= tolerance; }

        public Entry entry(String name) {
            return entries.stream().filter(e -> e.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no parameter " + name + " in this report"));
        }

        /** One row per parameter, ready to {@code show}. */
        public Table table() {
            Table t = Table.create("gradient check (central differences, h = " + STEP + ")");
            t.addColumns(
                    StringColumn.create("parameter", entries.stream().map(Entry::name)),
                    StringColumn.create("shape", entries.stream().map(e -> e.rows() + "×" + e.cols())),
                    StringColumn.create("worst entry", entries.stream().map(e -> "[" + e.worstRow() + "," + e.worstCol() + "]")),
                    DoubleColumn.create("analytic", entries.stream().mapToDouble(Entry::analytic)),
                    DoubleColumn.create("numeric", entries.stream().mapToDouble(Entry::numeric)),
                    DoubleColumn.create("max relative error", entries.stream().mapToDouble(Entry::maxRelativeError)),
                    StringColumn.create("verdict", entries.stream().map(e -> e.passed(1e-6) ? "ok" : "MISMATCH")));
            return t;
        }

        @Override public String toString() {
            StringBuilder sb = new StringBuilder();
            for (Entry e : entries)
                sb.append(String.format("%-12s %5s  max rel error %.2e  %s%n", e.name(), e.rows() + "×" + e.cols(),
                        e.maxRelativeError(), e.passed(1e-6) ? "ok" : "MISMATCH at [" + e.worstRow() + "," + e.worstCol()
                                + "]: analytic " + e.analytic() + ", numeric " + e.numeric()));
            return sb.toString();
        }
    }

    /**
     * Checks {@code analytic} against central differences of {@code loss} with respect to every
     * matrix in {@code wrt}. {@code loss} must recompute the forward pass from the current entries of
     * {@code wrt} (which are perturbed in place and restored).
     */
    public static Report of(DoubleSupplier loss, Parameters wrt, Parameters analytic) {
        return of(loss, wrt, analytic, STEP);
    }

    /** As {@link #of(DoubleSupplier, Parameters, Parameters)} with step {@code h}. */
    public static Report of(DoubleSupplier loss, Parameters wrt, Parameters analytic, double h) {
        Shapes.notNull(loss, "loss", "a function that recomputes the loss from the current weights");
        Shapes.notNull(wrt, "wrt", "the parameters to perturb");
        Shapes.notNull(analytic, "analytic", "the gradients to check, named as wrt");
        Shapes.positive(h, "finite-difference step h");
        wrt.requireSameLayout(analytic, "analytic");
        List<Entry> entries = new ArrayList<>();
        for (String name : wrt.names())
            entries.add(compare(name, loss, wrt.get(name), analytic.get(name), h));
        return new Report(List.copyOf(entries));
    }

    /**
     * The numeric gradient of {@code loss} with respect to every entry of {@code theta}. Each entry is put back
     * as it was after its two evaluations, also when the loss throws.
     */
    public static DMatrixRMaj numeric(DoubleSupplier loss, DMatrixRMaj theta, double h) {
        Shapes.notNull(loss, "loss", "a function that recomputes the loss from the current entries of theta");
        Shapes.notNull(theta, "theta", "the matrix to perturb");
        Shapes.positive(h, "finite-difference step h");
        DMatrixRMaj g = new DMatrixRMaj(theta.numRows, theta.numCols);
        for (int i = 0; i < theta.getNumElements(); i++) {
            double saved = theta.data[i];
            try {
                theta.data[i] = saved + h;
                double plus = loss.getAsDouble();
                theta.data[i] = saved - h;
                double minus = loss.getAsDouble();
                g.data[i] = (plus - minus) / (2 * h);
            } finally {
                theta.data[i] = saved;
            }
        }
        return g;
    }

    /** Central difference of a function of one number: {@code (f(x + h) − f(x − h)) / 2h} with the default step. */
    public static double derivative(DoubleUnaryOperator f, double x) {
        Shapes.notNull(f, "f", "a function of one number");
        Shapes.finite(x, "x");
        return (f.applyAsDouble(x + STEP) - f.applyAsDouble(x - STEP)) / (2 * STEP);
    }

    /**
     * Checks one derivative: {@code analytic} against the central difference of {@code f} at {@code x}.
     * For a quantity that is not a weight matrix, e.g. ∂L/∂h_1 with f = the loss as a function of h_1.
     */
    public static Report ofScalar(String name, DoubleUnaryOperator f, double x, double analytic) {
        Shapes.notNull(name, "name", "what the derivative is, e.g. \"∂L/∂h_1\"");
        double numeric = derivative(f, x);
        double rel = relativeError(analytic, numeric);
        return new Report(List.of(new Entry(name, 1, 1, 0, 0, analytic, numeric, rel, Math.abs(analytic - numeric))));
    }

    /** The relative error between an analytic and a numeric value, as the report measures it: infinite if either is not finite. */
    public static double relativeError(double analytic, double numeric) {
        if (!Double.isFinite(analytic) || !Double.isFinite(numeric)) return Double.POSITIVE_INFINITY;
        double scale = Math.max(FLOOR, Math.max(Math.abs(analytic), Math.abs(numeric)));
        return Math.abs(analytic - numeric) / scale;
    }

    private static Entry compare(String name, DoubleSupplier loss, DMatrixRMaj theta, DMatrixRMaj analytic, double h) {
        DMatrixRMaj numeric = numeric(loss, theta, h);
        int worst = 0;
        double worstRel = -1, worstAbs = 0;
        for (int i = 0; i < theta.getNumElements(); i++) {
            double a = analytic.data[i], n = numeric.data[i];
            double rel = relativeError(a, n);
            worstAbs = Math.max(worstAbs, Double.isFinite(rel) ? Math.abs(a - n) : Double.POSITIVE_INFINITY);
            if (rel > worstRel) { worstRel = rel; worst = i; }
        }
        int cols = theta.numCols;
        return new Entry(name, theta.numRows, cols, worst / cols, worst % cols,
                analytic.data[worst], numeric.data[worst], Math.max(worstRel, 0), worstAbs);
    }
}
