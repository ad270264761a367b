package gradnotes.linalg;

/**
 * Plain loops that run on any JVM. The loop order keeps the innermost loop running along rows of
 * B and C (an {@code axpy} the JIT can vectorise) whenever B is not transposed; with Bᵀ the inner
 * loop is a dot product of two rows. A single column (one sequence, B = 1) is a matrix-vector
 * product, whose inner loop runs along the rows of A instead: the loops above would spend their
 * time entering an inner loop of length one. Likewise a product of one column by one row (k = 1, an
 * outer product such as a readout's ∂L/∂W = ∂L/∂z rᵀ) is its own double loop, and Aᵀ B into a C
 * of a few columns (a recurrent cell's ∂L/∂W = Σ_t ∂L/∂P_t x_tᵀ over a handful of inputs) is
 * accumulated into Cᵀ, whose rows are long. Every entry of C still receives its products one by one,
 * in the order of p, so each way gives the same bits. Each case is its own small method, which the
 * JIT compiles best.
 */
final class PortableGemm implements Gemm {
    /** Below this many columns of C, Aᵀ B is accumulated into Cᵀ ({@link #intoTransposed}). */
    static final int FEW_COLUMNS = 8;

    @Override
    public void multAdd(boolean transA, boolean transB, int m, int n, int k,
                        double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        if (n == 1) {
            int bStep = transB ? 1 : ldb;
            if (transA) columnTimesA(m, k, a, aOff, lda, b, bOff, bStep, c, cOff, ldc);
            else aTimesColumn(m, k, a, aOff, lda, b, bOff, bStep, c, cOff, ldc);
        } else if (k == 1) {
            outer(m, n, a, aOff, transA ? 1 : lda, b, bOff, transB ? ldb : 1, c, cOff, ldc);
        } else if (transA && !transB && n < FEW_COLUMNS && m >= 2 * n) {
            intoTransposed(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        } else if (!transB) {
            rowsOfB(transA, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        } else {
            rowDotRow(transA, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        }
    }

    /** c += A b: one dot product per row of A, four partial sums so the additions overlap. */
    private static void aTimesColumn(int m, int k, double[] a, int aOff, int lda, double[] b, int bOff, int bStep,
                                     double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * lda;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int p = 0;
            for (; p + 3 < k; p += 4) {
                s0 += a[ai + p] * b[bOff + p * bStep];
                s1 += a[ai + p + 1] * b[bOff + (p + 1) * bStep];
                s2 += a[ai + p + 2] * b[bOff + (p + 2) * bStep];
                s3 += a[ai + p + 3] * b[bOff + (p + 3) * bStep];
            }
            for (; p < k; p++) s0 += a[ai + p] * b[bOff + p * bStep];
            c[cOff + i * ldc] += (s0 + s1) + (s2 + s3);
        }
    }

    /** c += Aᵀ b (A stored k × m): row p of A, scaled by b_p, added along c. */
    private static void columnTimesA(int m, int k, double[] a, int aOff, int lda, double[] b, int bOff, int bStep,
                                     double[] c, int cOff, int ldc) {
        for (int p = 0; p < k; p++) {
            int ap = aOff + p * lda;
            double bp = b[bOff + p * bStep];
            for (int i = 0; i < m; i++) c[cOff + i * ldc] += a[ap + i] * bp;
        }
    }

    /** c_ij += a_i b_j: the column a (entries {@code aStep} apart) times the row b ({@code bStep} apart). */
    private static void outer(int m, int n, double[] a, int aOff, int aStep, double[] b, int bOff, int bStep,
                              double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            double ai = a[aOff + i * aStep];
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) c[ci + j] += ai * b[bOff + j * bStep];
        }
    }

    /**
     * C += Aᵀ B (A stored k × m) for a C of fewer than {@link #FEW_COLUMNS} columns: row p of A, contiguous,
     * scaled by b_pj, is added along row j of Cᵀ, where the rows of C, a few entries each, would make
     * an inner loop too short to pay for itself.
     */
    private static void intoTransposed(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                       double[] c, int cOff, int ldc) {
        double[] ct = new double[n * m];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) ct[j * m + i] = c[cOff + i * ldc + j];
        for (int p = 0; p < k; p++) {
            int ap = aOff + p * lda, bp = bOff + p * ldb;
            for (int j = 0; j < n; j++) {
                double bpj = b[bp + j];
                for (int i = 0, row = j * m; i < m; i++) ct[row + i] += a[ap + i] * bpj;
            }
        }
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) c[cOff + i * ldc + j] = ct[j * m + i];
    }

    /** C += op(A) B: for each entry of op(A), a scaled row of B added to a row of C. */
    private static void rowsOfB(boolean transA, int m, int n, int k, double[] a, int aOff, int lda,
                                double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        int aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int p = 0; p < k; p++) {
                double aip = a[aOff + i * aRow + p * aCol];
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
            }
        }
    }

    /** C += op(A) Bᵀ: each entry a dot product of a row of op(A) with a row of B. */
    private static void rowDotRow(boolean transA, int m, int n, int k, double[] a, int aOff, int lda,
                                  double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        int aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
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

    @Override
    public String description() {
        return "portable loops";
    }
}
