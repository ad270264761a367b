package gradnotes.grad;

import gradnotes.nn.Shapes;
import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * A gradient a student wrote, against central differences, entry by entry: which entries are
 * wrong and by how much. An entry is wrong when its relative error (as {@link GradientCheck}
 * measures it) exceeds the tolerance, 1e-6 unless given. A gradient whose entries are all NaN is
 * not written yet.
 *
 * <pre>{@code
 * var check = EntryCheck.ofMatrix("∂E/∂W", myGradient, () -> loss(net), W);
 * show(markdown(check.verdict()));   // ✓, ✎ or ✗ with the wrong entries
 * }</pre>
 */
public record EntryCheck(String what, List<String> labels, double[] yours, double[] numeric, double tolerance) {
    /** Default tolerance on the relative error. */
    public static final double TOLERANCE = 1e-6;

    public EntryCheck {
        Shapes.notNull(what, "what", "what the gradient is, e.g. \"∂L/∂W_h\"");
        Shapes.notNull(labels, "labels", "one name per entry");
        Shapes.notNull(yours, "yours", "the gradient to check");
        Shapes.notNull(numeric, "numeric", "the finite-difference gradient");
        if (yours.length != labels.size() || numeric.length != labels.size())
            throw new IllegalArgumentException("yours has " + yours.length + " entries and numeric " + numeric.length
                    + ", expected one per label (" + labels.size() + ")");
        if (labels.isEmpty()) throw new IllegalArgumentException("labels is empty, expected at least one entry");
        if (!(tolerance > 0)) throw new IllegalArgumentException("tolerance is " + tolerance + ", expected a positive number");
        labels = List.copyOf(labels);
        yours = yours.clone();
        numeric = numeric.clone();
    }

    /** Entries named by {@code labels}, compared at the default tolerance. */
    public static EntryCheck of(String what, List<String> labels, double[] yours, double[] numeric) {
        return new EntryCheck(what, labels, yours, numeric, TOLERANCE);
    }

    /**
     * {@code yours} against the central differences of {@code loss} with respect to every entry of
     * {@code theta} (which is put back as it was); entries named {@code [i,j]}, counted from 1.
     */
    public static EntryCheck ofMatrix(String what, DMatrixRMaj yours, DoubleSupplier loss, DMatrixRMaj theta) {
        Shapes.notNull(yours, "yours", "the gradient to check");
        Shapes.notNull(theta, "theta", "the matrix the gradient is taken with respect to");
        if (yours.numRows != theta.numRows || yours.numCols != theta.numCols)
            throw new IllegalArgumentException("yours is " + yours.numRows + "×" + yours.numCols + ", theta is "
                    + theta.numRows + "×" + theta.numCols + ": a gradient has the shape of its matrix");
        DMatrixRMaj numeric = GradientCheck.numeric(loss, theta, GradientCheck.STEP);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < theta.numRows; i++)
            for (int j = 0; j < theta.numCols; j++) labels.add("[" + (i + 1) + "," + (j + 1) + "]");
        return of(what, labels, yours.data.clone(), numeric.data.clone());
    }

    /** Whether any entry was written (is not NaN). */
    public boolean answered() {
        for (double v : yours) if (!Double.isNaN(v)) return true;
        return false;
    }

    /** The relative error of entry {@code i}. */
    public double relativeError(int i) { return GradientCheck.relativeError(yours[i], numeric[i]); }

    /** The indices of the wrong entries. */
    public List<Integer> wrong() {
        List<Integer> w = new ArrayList<>();
        for (int i = 0; i < yours.length; i++) if (!(relativeError(i) <= tolerance)) w.add(i);
        return w;
    }

    /** Whether every entry agrees with finite differences. */
    public boolean passed() { return wrong().isEmpty(); }

    /** ✓ when every entry agrees; ✎ when nothing is written yet; ✗ naming each wrong entry and how far off it is. */
    public String verdict() {
        if (!answered()) return "✎ " + what + ": not written yet (every entry is NaN).";
        List<Integer> wrong = wrong();
        if (wrong.isEmpty()) {
            double worst = 0;
            for (int i = 0; i < yours.length; i++) worst = Math.max(worst, relativeError(i));
            return "✓ " + what + ": all " + yours.length + " entries agree with finite differences (largest relative error "
                    + String.format("%.1e", worst) + ").";
        }
        StringBuilder sb = new StringBuilder("✗ " + what + ": " + wrong.size() + " of " + yours.length
                + " entries are wrong:");
        for (int i : wrong)
            sb.append("\n  ").append(labels.get(i)).append(": yours ").append(num(yours[i])).append(", finite differences ")
                    .append(num(numeric[i])).append(", off by ").append(num(yours[i] - numeric[i]))
                    .append(Double.isFinite(relativeError(i)) ? String.format(" (relative error %.2g)", relativeError(i)) : "");
        return sb.toString();
    }

    /** Nothing when every entry agrees; otherwise an {@link IllegalStateException} with the verdict (how an autograder's test fails). */
    public void orFail() {
        if (!passed()) throw new IllegalStateException(verdict());
    }

    /** One row per entry: yours, finite differences, the difference, the relative error and a verdict. */
    public Table table() {
        List<String> verdicts = new ArrayList<>();
        for (int i = 0; i < yours.length; i++)
            verdicts.add(Double.isNaN(yours[i]) ? "not written" : relativeError(i) <= tolerance ? "ok" : "WRONG");
        DoubleColumn diff = DoubleColumn.create("yours − numeric");
        DoubleColumn rel = DoubleColumn.create("relative error");
        for (int i = 0; i < yours.length; i++) {
            diff.append(yours[i] - numeric[i]);
            rel.append(relativeError(i));
        }
        return Table.create(what + ": your gradient against central differences",
                StringColumn.create("entry", labels), DoubleColumn.create("yours", yours),
                DoubleColumn.create("numeric", numeric), diff, rel, StringColumn.create("verdict", verdicts));
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format("%.6g", v) : Double.toString(v);
    }

    @Override public String toString() { return verdict(); }
}
