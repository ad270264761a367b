package gradnotes.nn;

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
        int rows = z.numRows, cols = z.numCols;
        DMatrixRMaj p = new DMatrixRMaj(rows, cols);
        double[] max = new double[cols], sum = new double[cols];
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < rows; i++)
            for (int j = 0, at = i * cols; j < cols; j++) max[j] = Math.max(max[j], z.data[at + j]);
        for (int i = 0; i < rows; i++)
            for (int j = 0, at = i * cols; j < cols; j++) {
                double e = Math.exp(z.data[at + j] - max[j]);
                p.data[at + j] = e;
                sum[j] += e;
            }
        for (int i = 0; i < rows; i++)
            for (int j = 0, at = i * cols; j < cols; j++) p.data[at + j] /= sum[j];
        return p;
    }

    /**
     * Backward through a column softmax: given p = softmax(z) and ∂L/∂p, returns
     * ∂L/∂z = p ∘ (∂L/∂p − (pᵀ ∂L/∂p)), column by column (the Jacobian is diag(p) − p pᵀ).
     */
    public static DMatrixRMaj backwardColumns(DMatrixRMaj p, DMatrixRMaj dLdp) {
        if (p.numRows != dLdp.numRows || p.numCols != dLdp.numCols)
            throw new IllegalArgumentException("p is " + Shapes.of(p) + " but dL/dp is " + Shapes.of(dLdp));
        int rows = p.numRows, cols = p.numCols;
        DMatrixRMaj dz = new DMatrixRMaj(rows, cols);
        double[] dot = new double[cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0, at = i * cols; j < cols; j++) dot[j] += p.data[at + j] * dLdp.data[at + j];
        for (int i = 0; i < rows; i++)
            for (int j = 0, at = i * cols; j < cols; j++) dz.data[at + j] = p.data[at + j] * (dLdp.data[at + j] - dot[j]);
        return dz;
    }
}
