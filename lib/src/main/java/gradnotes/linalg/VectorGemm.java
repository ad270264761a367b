package gradnotes.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A register-blocked product on the JDK's Vector API (the incubating {@code jdk.incubator.vector}
 * module, so the JVM needs {@code --add-modules jdk.incubator.vector}; {@link MatMul} loads this
 * class only then).
 *
 * <p>The inner kernel keeps a 4 × 2L block of C in registers (L = doubles per vector, 4 with AVX2)
 * and, for each p, multiplies four broadcast entries of op(A) with two vector loads from row p of
 * op(B): eight fused multiply-adds per six loads. The loops around it walk k in slices of
 * {@value #KC} and rows in slices of {@value #MC}. Each slice of op(B) is first copied into panels of
 * 2L columns stored row after row, so the kernel reads B contiguously (a wide B's rows are far apart
 * in memory and would fight over the same cache sets) and a transposed B costs no more than a plain
 * one; a panel stays in L1 while the kernel passes over the slice of A, which stays in L2. A
 * transposed A costs nothing, its entries are loaded one at a time anyway.
 * A single column (one sequence, B = 1) is a matrix-vector product with its own kernel: four rows
 * of A at a time against vector loads of the column. Other products with fewer than 2L columns go to
 * the portable loops.
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
        if (n == 1 && !transA && (transB || ldb == 1) && k >= L) {
            matrixVector(m, k, a, aOff, lda, b, bOff, c, cOff, ldc);
            return;
        }
        if (n < NR || m == 0 || k == 0) {
            small.multAdd(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        int aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
        int bRow = transB ? 1 : ldb, bCol = transB ? ldb : 1;
        int nMain = n - n % NR, panels = nMain / NR;
        double[] packed = PACKED_B.get();
        if (packed.length < Math.min(k, KC) * nMain) PACKED_B.set(packed = new double[Math.min(k, KC) * nMain]);
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            packB(pc, kc, panels, b, bOff, bRow, bCol, packed);
            for (int ic = 0; ic < m; ic += MC) {
                int i1 = Math.min(m, ic + MC), iMain = ic + (i1 - ic) / MR * MR;
                for (int jp = 0; jp < panels; jp++) {
                    int panel = jp * kc * NR, j = jp * NR;
                    for (int i = ic; i < iMain; i += MR)
                        block4(kc, a, aOff + i * aRow + pc * aCol, aRow, aCol, packed, panel, c, cOff + i * ldc + j, ldc);
                    for (int i = iMain; i < i1; i++)
                        block1(kc, a, aOff + i * aRow + pc * aCol, aCol, packed, panel, c, cOff + i * ldc + j);
                }
                for (int i = ic; i < i1; i++)
                    for (int j = nMain; j < n; j++) {
                        double sum = 0;
                        for (int p = pc; p < pc + kc; p++) sum += a[aOff + i * aRow + p * aCol] * b[bOff + p * bRow + j * bCol];
                        c[cOff + i * ldc + j] += sum;
                    }
            }
        }
    }

    /**
     * Copies rows pc..pc+kc of op(B), the first {@code panels · NR} columns, into panels of NR columns, each
     * panel's rows one after another: the kernel then reads B in the order it uses it, whatever B's row
     * stride or orientation.
     */
    private static void packB(int pc, int kc, int panels, double[] b, int bOff, int bRow, int bCol, double[] packed) {
        for (int jp = 0; jp < panels; jp++) {
            int to = jp * kc * NR;
            for (int p = 0; p < kc; p++) {
                int from = bOff + (pc + p) * bRow + jp * NR * bCol;
                for (int jj = 0; jj < NR; jj++) packed[to + p * NR + jj] = b[from + jj * bCol];
            }
        }
    }

    /** C[4 rows][NR columns] += op(A)[4 rows][kc] · (a packed panel of kc × NR), held in eight registers. */
    private static void block4(int kc, double[] a, int a0, int aRow, int aCol, double[] packed, int panel,
                               double[] c, int c0, int ldc) {
        int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        DoubleVector c00 = DoubleVector.fromArray(S, c, c0), c01 = DoubleVector.fromArray(S, c, c0 + L);
        DoubleVector c10 = DoubleVector.fromArray(S, c, c1), c11 = DoubleVector.fromArray(S, c, c1 + L);
        DoubleVector c20 = DoubleVector.fromArray(S, c, c2), c21 = DoubleVector.fromArray(S, c, c2 + L);
        DoubleVector c30 = DoubleVector.fromArray(S, c, c3), c31 = DoubleVector.fromArray(S, c, c3 + L);
        int a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        for (int p = 0; p < kc; p++) {
            int bp = panel + p * NR, ap = p * aCol;
            DoubleVector b0 = DoubleVector.fromArray(S, packed, bp), b1 = DoubleVector.fromArray(S, packed, bp + L);
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

    /** One leftover row: C[1 row][NR columns] += op(A)[1 row][kc] · (a packed panel). */
    private static void block1(int kc, double[] a, int a0, int aCol, double[] packed, int panel, double[] c, int c0) {
        DoubleVector c00 = DoubleVector.fromArray(S, c, c0), c01 = DoubleVector.fromArray(S, c, c0 + L);
        for (int p = 0; p < kc; p++) {
            int bp = panel + p * NR;
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + p * aCol]);
            c00 = x.fma(DoubleVector.fromArray(S, packed, bp), c00);
            c01 = x.fma(DoubleVector.fromArray(S, packed, bp + L), c01);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + L);
    }

    /**
     * c += A b for one contiguous column b: four rows of A at a time, each multiplied with b a vector at a
     * time into its own accumulator, summed across lanes at the end.
     */
    private static void matrixVector(int m, int k, double[] a, int aOff, int lda, double[] b, int bOff,
                                     double[] c, int cOff, int ldc) {
        int kMain = k - k % L, i = 0;
        for (; i + MR <= m; i += MR) {
            int a0 = aOff + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
            DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int p = 0; p < kMain; p += L) {
                DoubleVector x = DoubleVector.fromArray(S, b, bOff + p);
                s0 = DoubleVector.fromArray(S, a, a0 + p).fma(x, s0);
                s1 = DoubleVector.fromArray(S, a, a1 + p).fma(x, s1);
                s2 = DoubleVector.fromArray(S, a, a2 + p).fma(x, s2);
                s3 = DoubleVector.fromArray(S, a, a3 + p).fma(x, s3);
            }
            double t0 = s0.reduceLanes(VectorOperators.ADD), t1 = s1.reduceLanes(VectorOperators.ADD);
            double t2 = s2.reduceLanes(VectorOperators.ADD), t3 = s3.reduceLanes(VectorOperators.ADD);
            for (int p = kMain; p < k; p++) {
                double x = b[bOff + p];
                t0 += a[a0 + p] * x;
                t1 += a[a1 + p] * x;
                t2 += a[a2 + p] * x;
                t3 += a[a3 + p] * x;
            }
            c[cOff + i * ldc] += t0;
            c[cOff + (i + 1) * ldc] += t1;
            c[cOff + (i + 2) * ldc] += t2;
            c[cOff + (i + 3) * ldc] += t3;
        }
        for (; i < m; i++) {
            int a0 = aOff + i * lda;
            DoubleVector s0 = DoubleVector.zero(S);
            for (int p = 0; p < kMain; p += L) s0 = DoubleVector.fromArray(S, a, a0 + p).fma(DoubleVector.fromArray(S, b, bOff + p), s0);
            double t0 = s0.reduceLanes(VectorOperators.ADD);
            for (int p = kMain; p < k; p++) t0 += a[a0 + p] * b[bOff + p];
            c[cOff + i * ldc] += t0;
        }
    }

    @Override
    public String description() {
        return "Vector API, " + L + " doubles per vector";
    }
}
