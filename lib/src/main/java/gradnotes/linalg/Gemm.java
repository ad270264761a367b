package gradnotes.linalg;

/**
 * The one matrix product every model reduces to, on raw row-major arrays:
 * <pre>
 *   C += op(A) op(B)      op(A) is m × k, op(B) is k × n, C is m × n
 * </pre>
 * where op(X) is X or Xᵀ. Element (i, j) of a row-major matrix with leading dimension {@code ld}
 * starting at {@code off} is {@code x[off + i * ld + j]}, so a block of rows of a larger matrix is
 * passed by offset. Shapes are the caller's business ({@link MatMul} checks them).
 */
interface Gemm {
    void multAdd(boolean transA, boolean transB, int m, int n, int k,
                 double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc);

    /** C = op(A) op(B), overwriting C (which may hold anything, NaN included). */
    default void mult(boolean transA, boolean transB, int m, int n, int k,
                      double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        if (ldc == n) java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);   // rows contiguous (a column, say): one fill
        else for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
        multAdd(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /** What this implementation is, for a reader choosing between them. */
    String description();
}
