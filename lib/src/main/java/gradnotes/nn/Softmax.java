package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * softmax(z)_i = e^{z_i} / Σ_j e^{z_j}, applied to each column of a matrix (one distribution per
 * column), computed after subtracting the column's maximum so that no exponential overflows.
 */
public final class Softmax {
    private Softmax() {}

    /** A new matrix whose every column is the softmax of the same column of {@code z}. */
    public static DMatrixRMaj columns(DMatrixRMaj z) {
        DMatrixRMaj p = new DMatrixRMaj(z.numRows, z.numCols);
        for (int j = 0; j < z.numCols; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < z.numRows; i++) max = Math.max(max, z.unsafe_get(i, j));
            double sum = 0;
            for (int i = 0; i < z.numRows; i++) {
                double e = Math.exp(z.unsafe_get(i, j) - max);
                p.unsafe_set(i, j, e);
                sum += e;
            }
            for (int i = 0; i < z.numRows; i++) p.unsafe_set(i, j, p.unsafe_get(i, j) / sum);
        }
        return p;
    }

    /**
     * Backward through a column softmax: given p = softmax(z) and ∂L/∂p, returns
     * ∂L/∂z = p ∘ (∂L/∂p − (pᵀ ∂L/∂p)), column by column (the Jacobian is diag(p) − p pᵀ).
     */
    public static DMatrixRMaj backwardColumns(DMatrixRMaj p, DMatrixRMaj dLdp) {
        if (p.numRows != dLdp.numRows || p.numCols != dLdp.numCols)
            throw new IllegalArgumentException("p is " + Shapes.of(p) + " but dL/dp is " + Shapes.of(dLdp));
        DMatrixRMaj dz = new DMatrixRMaj(p.numRows, p.numCols);
        for (int j = 0; j < p.numCols; j++) {
            double dot = 0;
            for (int i = 0; i < p.numRows; i++) dot += p.unsafe_get(i, j) * dLdp.unsafe_get(i, j);
            for (int i = 0; i < p.numRows; i++)
                dz.unsafe_set(i, j, p.unsafe_get(i, j) * (dLdp.unsafe_get(i, j) - dot));
        }
        return dz;
    }
}
