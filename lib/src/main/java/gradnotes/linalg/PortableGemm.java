package gradnotes.linalg;

/**
 * Plain loops that run on any JVM. The loop order keeps the innermost loop running along rows of
 * B and C (an {@code axpy} the JIT can vectorise) whenever B is not transposed; with Bᵀ the inner
 * loop is a dot product of two rows. A single column (one sequence, B = 1) is a matrix-vector
 * product, whose inner loop runs along the rows of A instead: the loops above would spend their
 * time entering an inner loop of length one.
 */
final class PortableGemm implements Gemm {
    @Override
    public void multAdd(boolean transA, boolean transB, int m, int n, int k,
                        double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        int aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
        int bStep = transB ? 1 : ldb;
        if (n == 1 && !transA) {
            for (int i = 0; i < m; i++) {
                int ai = aOff + i * lda;
                double s = 0;
                for (int p = 0; p < k; p++) s += a[ai + p] * b[bOff + p * bStep];
                c[cOff + i * ldc] += s;
            }
        } else if (n == 1) {
            for (int p = 0; p < k; p++) {
                int ap = aOff + p * lda;
                double bp = b[bOff + p * bStep];
                for (int i = 0; i < m; i++) c[cOff + i * ldc] += a[ap + i] * bp;
            }
        } else if (!transB) {
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * ldc;
                for (int p = 0; p < k; p++) {
                    double aip = a[aOff + i * aRow + p * aCol];
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * ldc;
                for (int j = 0; j < n; j++) {
                    int bj = bOff + j * ldb;
                    double s = 0;
                    for (int p = 0; p < k; p++) s += a[aOff + i * aRow + p * aCol] * b[bj + p];
                    c[ci + j] += s;
                }
            }
        }
    }

    @Override
    public String description() {
        return "portable loops";
    }
}
