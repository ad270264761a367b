package gradnotes.nn;

import gradnotes.linalg.Squash;
import org.ejml.data.DMatrixRMaj;

/**
 * softmax(z)_i = e^{z_i} / Σ_j e^{z_j}, applied to each column of a matrix (one distribution per
 * column), computed after subtracting the column's maximum so that no exponential overflows.
 */
public final class Softmax {
    private Softmax() {}

    /**
     * A new matrix whose every column is the softmax of the same column of {@code z}. The loops run along
     * rows, keeping a maximum and a sum per column, so that they read memory in order.
     */
    public static DMatrixRMaj columns(DMatrixRMaj z) {
        Shapes.notNull(z, "z", "scores, one column per distribution");
        if (z.getNumElements() == 0) throw new IllegalArgumentException("z is " + Shapes.of(z) + ": it has no entries");
        return columns(z, 1);
    }

    /**
     * Divides {@code z} by {@code divisor} in place (attention's S = Kᵀ Q / √d) in the pass that finds the
     * column maxima, then returns the softmax of its columns as {@link #columns(DMatrixRMaj)}.
     */
    static DMatrixRMaj columns(DMatrixRMaj z, double divisor) {
        int rows = z.numRows, cols = z.numCols;
        double[] max = new double[cols], sum = new double[cols];
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        if (divisor == 1)
            for (int i = 0; i < rows; i++)
                for (int j = 0, at = i * cols; j < cols; j++) max[j] = Math.max(max[j], z.data[at + j]);
        else if (divisor == Math.scalb(1.0, Math.getExponent(divisor))) {
            // a power of two (√16 = 4): multiplying by its reciprocal is exact, so gives the quotient's bits, and is
            // several times faster than a division
            double inverse = 1 / divisor;
            for (int i = 0; i < rows; i++)
                for (int j = 0, at = i * cols; j < cols; j++) max[j] = Math.max(max[j], z.data[at + j] *= inverse);
        } else
            for (int i = 0; i < rows; i++)
                for (int j = 0, at = i * cols; j < cols; j++) max[j] = Math.max(max[j], z.data[at + j] /= divisor);
        // a column's maximum is NaN if it holds a NaN, +∞ if it holds +∞, −∞ if all of it is −∞
        for (int j = 0; j < cols; j++)
            if (!(Math.abs(max[j]) < Double.POSITIVE_INFINITY)) requireScores(z);
        DMatrixRMaj p = new DMatrixRMaj(rows, cols);
        Squash.expBelowColumnMax(z.data, max, p.data, sum, rows, cols);
        for (int j = 0; j < cols; j++) sum[j] = 1 / sum[j];
        for (int i = 0; i < rows; i++)
            for (int j = 0, at = i * cols; j < cols; j++) p.data[at + j] *= sum[j];
        return p;
    }

    /**
     * Requires scores a softmax can turn into probabilities: no NaN and no +∞, and in every column at least one
     * entry above −∞ (−∞ itself is allowed: it is how a mask gives weight 0). Run only when a column's maximum
     * says something is wrong, to name the first offending entry.
     */
    private static void requireScores(DMatrixRMaj z) {
        int cols = z.numCols;
        boolean[] some = new boolean[cols];
        for (int i = 0; i < z.numRows; i++)
            for (int j = 0, at = i * cols; j < cols; j++) {
                double v = z.data[at + j];
                if (Double.isNaN(v) || v == Double.POSITIVE_INFINITY)
                    throw new IllegalArgumentException("z[" + i + "," + j + "] is " + v + ": scores must be finite (or −∞, for a masked entry)");
                some[j] |= v > Double.NEGATIVE_INFINITY;
            }
        for (int j = 0; j < cols; j++)
            if (!some[j]) throw new IllegalArgumentException("column " + j + " of z is all −∞: no entry is left to take the weight");
    }

    /**
     * Backward through a column softmax: given p = softmax(z) and ∂L/∂p, returns
     * ∂L/∂z = p ∘ (∂L/∂p − (pᵀ ∂L/∂p)), column by column (the Jacobian is diag(p) − p pᵀ).
     */
    public static DMatrixRMaj backwardColumns(DMatrixRMaj p, DMatrixRMaj dLdp) {
        Shapes.notNull(p, "p", "softmax probabilities, one distribution per column");
        Shapes.notNull(dLdp, "dLdp", "∂L/∂p, the shape of p");
        if (p.getNumElements() == 0) throw new IllegalArgumentException("p is " + Shapes.of(p) + ": it has no entries");
        Shapes.finite(p, "p");
        Shapes.finite(dLdp, "dL/dp");
        if (p.numRows != dLdp.numRows || p.numCols != dLdp.numCols)
            throw new IllegalArgumentException("p is " + Shapes.of(p) + " but dL/dp is " + Shapes.of(dLdp));
        DMatrixRMaj dz = new DMatrixRMaj(p.numRows, p.numCols);
        backwardColumns(p, dLdp, dz);
        return dz;
    }

    /**
     * {@link #backwardColumns(DMatrixRMaj, DMatrixRMaj)} into {@code dz}, which may be {@code dLdp} itself
     * (every column's pᵀ ∂L/∂p is taken before anything is written), without the checks: for callers
     * whose p came from {@link #columns} and whose shapes already agree.
     */
    static void backwardColumns(DMatrixRMaj p, DMatrixRMaj dLdp, DMatrixRMaj dz) {
        int rows = p.numRows, cols = p.numCols;
        double[] dot = new double[cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0, at = i * cols; j < cols; j++) dot[j] += p.data[at + j] * dLdp.data[at + j];
        for (int i = 0; i < rows; i++)
            for (int j = 0, at = i * cols; j < cols; j++) dz.data[at + j] = p.data[at + j] * (dLdp.data[at + j] - dot[j]);
    }
}
