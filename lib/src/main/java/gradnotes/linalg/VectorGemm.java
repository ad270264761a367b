package gradnotes.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A register-blocked product on the JDK's Vector API (the incubating {@code jdk.incubator.vector}
 * module, so the JVM needs {@code --add-modules jdk.incubator.vector}; {@link MatMul} loads this
 * class only then).
 *
 * <p>The inner kernel keeps a 4 × 2L block of C in registers (L = doubles per vector, 4 with AVX2)
 * and, for each p, multiplies four broadcast entries of op(A) with two vector loads from row p of
 * op(B): eight fused multiply-adds per six loads. The loops around it walk k in slices of
 * {@value #KC} and rows in slices of {@value #MC} so that the slice of B under the kernel stays in
 * L1 and the slice of A in L2. A transposed B is first copied into row-major order (its rows are
 * what the kernel loads); a transposed A costs nothing, its entries are loaded one at a time anyway.
 * Products with fewer than 2L columns (a single sequence, B = 1) go to the portable loops.
 */
final class VectorGemm implements Gemm {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length(), NR = 2 * L, MR = 4;
    static final int KC = 256, MC = 64;

    private static final ThreadLocal<double[]> PACKED_B = ThreadLocal.withInitial(() -> new double[0]);
    private final Gemm small = new PortableGemm();

    @Override
    public void multAdd(boolean transA, boolean transB, int m, int n, int k,
                        double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        if (n < NR || m == 0 || k == 0) {
            small.multAdd(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        if (transB) {
            double[] packed = PACKED_B.get();
            if (packed.length < k * n) PACKED_B.set(packed = new double[k * n]);
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * ldb;
                for (int p = 0; p < k; p++) packed[p * n + j] = b[bj + p];
            }
            b = packed;
            bOff = 0;
            ldb = n;
        }
        int aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
        int nMain = n - n % NR;
        for (int pc = 0; pc < k; pc += KC) {
            int p1 = Math.min(k, pc + KC);
            for (int ic = 0; ic < m; ic += MC) {
                int i1 = Math.min(m, ic + MC), iMain = ic + (i1 - ic) / MR * MR;
                for (int j = 0; j < nMain; j += NR) {
                    for (int i = ic; i < iMain; i += MR)
                        block4(i, j, pc, p1, a, aOff, aRow, aCol, b, bOff, ldb, c, cOff, ldc);
                    for (int i = iMain; i < i1; i++)
                        block1(i, j, pc, p1, a, aOff, aRow, aCol, b, bOff, ldb, c, cOff, ldc);
                }
                for (int i = ic; i < i1; i++)
                    for (int j = nMain; j < n; j++) {
                        double s = 0;
                        for (int p = pc; p < p1; p++) s += a[aOff + i * aRow + p * aCol] * b[bOff + p * ldb + j];
                        c[cOff + i * ldc + j] += s;
                    }
            }
        }
    }

    /** C[i..i+3][j..j+NR) += op(A)[i..i+3][p0..p1) op(B)[p0..p1)[j..j+NR), held in eight registers. */
    private static void block4(int i, int j, int p0, int p1, double[] a, int aOff, int aRow, int aCol,
                               double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        int c0 = cOff + i * ldc + j, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        DoubleVector c00 = DoubleVector.fromArray(S, c, c0), c01 = DoubleVector.fromArray(S, c, c0 + L);
        DoubleVector c10 = DoubleVector.fromArray(S, c, c1), c11 = DoubleVector.fromArray(S, c, c1 + L);
        DoubleVector c20 = DoubleVector.fromArray(S, c, c2), c21 = DoubleVector.fromArray(S, c, c2 + L);
        DoubleVector c30 = DoubleVector.fromArray(S, c, c3), c31 = DoubleVector.fromArray(S, c, c3 + L);
        int a0 = aOff + i * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        for (int p = p0; p < p1; p++) {
            int bp = bOff + p * ldb + j, ap = p * aCol;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp), b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[a1 + ap]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[a2 + ap]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[a3 + ap]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
    }

    /** One leftover row: C[i][j..j+NR) += op(A)[i][p0..p1) op(B)[p0..p1)[j..j+NR). */
    private static void block1(int i, int j, int p0, int p1, double[] a, int aOff, int aRow, int aCol,
                               double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        int c0 = cOff + i * ldc + j, a0 = aOff + i * aRow;
        DoubleVector c00 = DoubleVector.fromArray(S, c, c0), c01 = DoubleVector.fromArray(S, c, c0 + L);
        for (int p = p0; p < p1; p++) {
            int bp = bOff + p * ldb + j;
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + p * aCol]);
            c00 = x.fma(DoubleVector.fromArray(S, b, bp), c00);
            c01 = x.fma(DoubleVector.fromArray(S, b, bp + L), c01);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + L);
    }

    @Override
    public String description() {
        return "Vector API, " + L + " doubles per vector";
    }
}
