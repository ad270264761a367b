package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * Checks made once, where data enters a model, so that a mistake is reported in the words of the
 * equations ("x_t has 3 rows, Wx has 4 columns") instead of as an index error deep in a loop.
 */
public final class Shapes {
    private Shapes() {}

    /** "3×4": how a shape is written in every message ("null" for no matrix). */
    public static String of(DMatrixRMaj m) { return m == null ? "null" : m.numRows + "×" + m.numCols; }

    /** Requires {@code o} to be given; the message says what was expected in its place. */
    public static <T> T notNull(T o, String name, String expected) {
        if (o == null) throw new IllegalArgumentException(name + " is null, expected " + expected);
        return o;
    }

    /** Requires {@code m} to be {@code rows × cols}. */
    public static void require(DMatrixRMaj m, String name, int rows, int cols) {
        if (m == null) throw new IllegalArgumentException(name + " is null, expected a " + rows + "×" + cols + " matrix");
        if (m.numRows != rows || m.numCols != cols)
            throw new IllegalArgumentException(name + " is " + of(m) + ", expected " + rows + "×" + cols);
    }

    /** Requires {@code x} to have as many rows as {@code W} (named {@code wName}) has columns. */
    public static void requireFits(DMatrixRMaj W, String wName, DMatrixRMaj x, String xName) {
        notNull(W, wName, "the weight matrix " + xName + " must fit");
        if (x == null) throw new IllegalArgumentException(xName + " is null, expected a " + W.numCols + "×B matrix");
        if (x.numCols < 1) throw new IllegalArgumentException(xName + " is " + of(x) + ": a batch needs at least one column");
        if (x.numRows != W.numCols)
            throw new IllegalArgumentException(xName + " has " + x.numRows + " rows, " + wName + " ("
                    + of(W) + ") expects " + W.numCols);
    }

    /** Requires a size (hidden units, steps, heads ...) to be at least 1. */
    public static int positive(int n, String name) {
        if (n < 1) throw new IllegalArgumentException(name + " must be at least 1, got " + n);
        return n;
    }

    /** Requires a 1-based position (a time step, a layer, a head) to lie in 1..{@code last}. */
    public static int index(int i, String name, int last) {
        if (i < 1 || i > last) throw new IllegalArgumentException(name + " = " + i + " is outside 1.." + last);
        return i;
    }

    /** Requires a number that enters the arithmetic (a bias, a weight, a scale that may be 0 or negative) to be finite. */
    public static double finite(double v, String name) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " must be a finite number, got " + v);
        return v;
    }

    /** Requires a rate, a scale or a tolerance to be a finite number above zero. */
    public static double positive(double v, String name) {
        if (!(v > 0) || Double.isInfinite(v))
            throw new IllegalArgumentException(name + " must be a finite number above 0, got " + v);
        return v;
    }

    /** Requires a sequence to hold at least one step. */
    public static <T> List<T> nonEmpty(List<T> seq, String name) {
        if (seq == null) throw new IllegalArgumentException(name + " is null, expected a list of at least one step");
        if (seq.isEmpty())
            throw new IllegalArgumentException(name + " is empty: a sequence needs at least one step");
        return seq;
    }

    /** Requires every entry of {@code m} to be finite; names the first offending entry. */
    public static DMatrixRMaj finite(DMatrixRMaj m, String name) {
        if (m == null) throw new IllegalArgumentException(name + " is null, expected a matrix of finite numbers");
        // v · 0 is ±0 for a finite v and NaN for ±∞ and NaN: one pass without a branch per entry, in the
        // hot paths of every model, then the slow search for the culprit only when there is one
        double[] d = m.data;
        int n = m.getNumElements(), q = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (; q + 3 < n; q += 4) {
            s0 += d[q] * 0.0;
            s1 += d[q + 1] * 0.0;
            s2 += d[q + 2] * 0.0;
            s3 += d[q + 3] * 0.0;
        }
        for (; q < n; q++) s0 += d[q] * 0.0;
        if (!Double.isNaN((s0 + s1) + (s2 + s3))) return m;
        for (int i = 0; i < m.numRows; i++)
            for (int j = 0; j < m.numCols; j++) {
                double v = m.unsafe_get(i, j);
                if (!Double.isFinite(v))
                    throw new IllegalArgumentException(name + "[" + i + "," + j + "] is " + v
                            + ": inputs and weights must be finite numbers");
            }
        return m;
    }
}
