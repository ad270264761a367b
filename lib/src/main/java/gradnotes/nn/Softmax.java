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
        Squash.divideColumnMax(z.data, divisor, max, rows, cols);
        // a column's maximum is NaN if it holds a NaN, +∞ if it holds +∞, −∞ if all of it is −∞
        for (int j = 0; j < cols; j++)
            if (!(Math.abs(max[j]) < Double.POSITIVE_INFINITY)) requireScores(z);
        DMatrixRMaj p = new DMatrixRMaj(rows, cols);
        Squash.expBelowColumnMax(z.data, max, p.data, sum, rows, cols);
        for (int j = 0; j < cols; j++) sum[j] = 1 / sum[j];
        Squash.scaleColumns(p.data, sum, rows, cols);
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
        Squash.softmaxBackwardColumns(p.data, dLdp.data, dz.data, new double[p.numCols], p.numRows, p.numCols);
    }
}
