package gradnotes.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A register-blocked product on the JDK's Vector API (the incubating {@code jdk.incubator.vector}
 * module, so the JVM needs {@code --add-modules jdk.incubator.vector}; {@link MatMul} loads this
 * class only then).
 *
 * <p>The layout is Goto and van de Geijn's ("Anatomy of high-performance matrix multiplication",
 * 2008). The inner kernel keeps an MR × 2L block of C in registers (L = doubles per vector): with
 * AVX-512 (L = 8, 32 vector registers) MR = 8, sixteen accumulators; with fewer or narrower registers
 * MR = 4, eight. For each p it multiplies MR broadcast entries of op(A) with two vector loads from
 * row p of op(B). Around it, k is walked in slices of {@value #KC} and the rows of C in slices of
 * {@value #MC} (and columns in slices of {@value #NC}). Each slice of op(B) is first copied into
 * panels of 2L columns, row after row, padded with zeros: the kernel then reads B in the order it uses
 * it, a panel stays in L1 while the kernel passes over the slice of A, and a transposed B costs no more
 * than a plain one. (When C has only a few rows, 2 MR or fewer, as an attention head's products have, a
 * copy would serve a block or two, and a plain B is read in place instead; a transposed B is handled by
 * forming Cᵀ = B op(A)ᵀ, where B is the plain operand.) A transposed A (the weight gradients' ∂L/∂Pᵀ, whose rows lie 4 KiB apart and
 * thrash the cache when read across) is copied likewise into panels of MR rows, column after column,
 * reading each stored row once, front to back; a plain A is read in place, where each of its MR rows is
 * a contiguous stream, and only a block at its lower edge is copied (padded with zeros). A block of C at
 * the lower or right edge is computed into a scratch block and added (or, for C = AB, copied) from there, so every block runs
 * the same kernel.
 * A single column (one sequence, B = 1) is a matrix-vector product with its own kernel: four rows
 * of A at a time against vector loads of the column. Products with fewer than L columns go to the
 * portable loops.
 */
final class VectorGemm implements Gemm {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length(), NR = 2 * L;
    /** Rows per register block: eight needs 16 accumulators + 3, which only 32 registers hold. */
    static final int MR = L >= 8 ? 8 : 4;
    static final int KC = 256, MC = 120, NC = 1024;

    private static final ThreadLocal<double[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new double[][] {new double[roundUp(MC, MR) * KC], new double[0], new double[MR * NR], new double[0]});
    private final Gemm small = new PortableGemm();

    @Override
    public void mult(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        if (blocked(transA, transB, m, n, k)) blocked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, true);
        else Gemm.super.mult(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /** Whether multAdd takes a product to the blocked kernel (rather than to one of its special cases). */
    private static boolean blocked(boolean transA, boolean transB, int m, int n, int k) {
        return n >= L && m > 0 && k > 0 && !(transB && !transA && m <= 2 * MR && n > 2 * MR);
    }

    @Override
    public void multAdd(boolean transA, boolean transB, int m, int n, int k,
                        double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c, int cOff, int ldc) {
        if (n == 1 && !transA && (transB || ldb == 1) && k >= L) {
            matrixVector(m, k, a, aOff, lda, b, bOff, c, cOff, ldc);
            return;
        }
        if (n < L || m == 0 || k == 0) {
            small.multAdd(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        if (k == 1 && transB && !transA && m < L && n > 2 * MR) {
            // a column of fewer than L entries times a wide row (a readout's ∂L/∂z rᵀ): the portable loops'
            // outer product, which is what the case below would reach through a scratch copy of Cᵀ
            small.multAdd(false, true, m, n, 1, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
            return;
        }
        double[][] buffers = BUFFERS.get();
        if (transB && !transA && m <= 2 * MR && n > 2 * MR) {
            // A few rows times a wide Bᵀ: copying Bᵀ into panels would cost as much as the product. Form
            // Cᵀ = B Aᵀ instead, where B is read in place and only the few rows of A are copied, then add it in.
            if (buffers[3].length < n * m) buffers[3] = new double[n * m];
            double[] t = buffers[3];
            java.util.Arrays.fill(t, 0, n * m, 0.0);
            multAdd(false, true, n, m, k, b, bOff, ldb, a, aOff, lda, t, 0, m);
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++) c[cOff + i * ldc + j] += t[j * m + i];
            return;
        }
        blocked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, false);
    }

    /** The blocked product: C += op(A) op(B), or C = op(A) op(B) when {@code overwrite} (C is then never read). */
    private static void blocked(boolean transA, boolean transB, int m, int n, int k, double[] a, int aOff, int lda,
                                double[] b, int bOff, int ldb, double[] c, int cOff, int ldc, boolean overwrite) {
        double[][] buffers = BUFFERS.get();
        int aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
        int bRow = transB ? 1 : ldb, bCol = transB ? ldb : 1;
        double[] packedA = buffers[0], scratch = buffers[2];
        int ncMax = Math.min(NC, roundUp(n, NR));
        if (buffers[1].length < KC * ncMax) buffers[1] = new double[KC * ncMax];
        double[] packedB = buffers[1];
        // with a few rows of C, a copy of B would be used by a block or two: a plain B is then read in place
        boolean bInPlace = !transB && m <= 2 * MR;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc), panels = (nc + NR - 1) / NR, lastPanel = (panels - 1) * NR;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                if (!bInPlace) packB(kc, nc, b, bOff + pc * bRow + jc * bCol, bRow, bCol, packedB);
                else if (nc % NR != 0) packB(kc, nc - lastPanel, b, bOff + pc * ldb + jc + lastPanel, ldb, 1, packedB);
                boolean load = !overwrite || pc > 0;
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic), blocks = (mc + MR - 1) / MR, edge = (blocks - 1) * MR;
                    // a plain A is read in place, its rows are contiguous; only a block at its lower edge is copied
                    if (transA) packA(kc, mc, a, aOff + ic * aRow + pc * aCol, aRow, aCol, packedA);
                    else if (mc % MR != 0) packA(kc, mc - edge, a, aOff + (ic + edge) * lda + pc, lda, 1, packedA);
                    for (int jp = 0; jp < panels; jp++) {
                        int j = jc + jp * NR, nr = Math.min(NR, n - j);
                        boolean bPacked = !bInPlace || nr < NR;
                        double[] bSrc = bPacked ? packedB : b;
                        int b0 = !bInPlace ? jp * kc * NR : bPacked ? 0 : bOff + pc * ldb + j, bP = bPacked ? NR : ldb;
                        for (int ib = 0; ib < blocks; ib++) {
                            int i = ic + ib * MR, mr = Math.min(MR, m - i);
                            boolean packed = transA || mr < MR;
                            double[] src = packed ? packedA : a;
                            int a0 = transA ? ib * kc * MR : packed ? 0 : aOff + i * lda + pc;
                            int aP = packed ? MR : 1, aR = packed ? 1 : lda;
                            if (mr == MR && nr == NR) {
                                kernel(kc, src, a0, aP, aR, bSrc, b0, bP, c, cOff + i * ldc + j, ldc, load);
                            } else {
                                kernel(kc, src, a0, aP, aR, bSrc, b0, bP, scratch, 0, NR, false);
                                for (int r = 0; r < mr; r++)
                                    for (int jj = 0, at = cOff + (i + r) * ldc + j; jj < nr; jj++)
                                        c[at + jj] = (load ? c[at + jj] : 0.0) + scratch[r * NR + jj];
                            }
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }

    /**
     * Copies a kc × nc block of op(B) (entry (p, j) at {@code b[b0 + p·bRow + j·bCol]}) into panels of NR
     * columns, each panel's rows one after another, the last panel padded with zeros.
     */
    private static void packB(int kc, int nc, double[] b, int b0, int bRow, int bCol, double[] packed) {
        for (int j0 = 0, to = 0; j0 < nc; j0 += NR, to += kc * NR) {
            int nr = Math.min(NR, nc - j0);
            if (bCol == 1) {
                for (int p = 0; p < kc; p++) {
                    int from = b0 + p * bRow + j0, at = to + p * NR;
                    System.arraycopy(b, from, packed, at, nr);
                    for (int jj = nr; jj < NR; jj++) packed[at + jj] = 0.0;
                }
            } else {
                // Bᵀ: each stored row (a column of the panel) read front to back and written down its
                // column; the panel, kc × NR, stays in L1 (reading the nr rows side by side instead, a
                // stride apart, made the weight gradients' products a quarter slower)
                for (int jj = 0; jj < nr; jj++) {
                    int from = b0 + (j0 + jj) * bCol;
                    for (int p = 0, at = to + jj; p < kc; p++, at += NR) packed[at] = b[from + p * bRow];
                }
                for (int jj = nr; jj < NR; jj++)
                    for (int p = 0, at = to + jj; p < kc; p++, at += NR) packed[at] = 0.0;
            }
        }
    }

    /**
     * Copies an mc × kc block of op(A) (entry (i, p) at {@code a[a0 + i·aRow + p·aCol]}) into panels of MR
     * rows, each panel's columns one after another, the last panel padded with zeros.
     */
    private static void packA(int kc, int mc, double[] a, int a0, int aRow, int aCol, double[] packed) {
        int full = mc / MR * MR, mr = mc - full, last = full / MR * kc * MR;
        if (aRow == 1) {
            // Aᵀ: row p of the stored matrix holds column p of op(A); read it once, front to back
            for (int p = 0; p < kc; p++) {
                int from = a0 + p * aCol;
                for (int i0 = 0, at = p * MR; i0 < full; i0 += MR, at += kc * MR)
                    for (int r = 0; r < MR; r++) packed[at + r] = a[from + i0 + r];
                if (mr > 0) {
                    int at = last + p * MR;
                    for (int r = 0; r < mr; r++) packed[at + r] = a[from + full + r];
                    for (int r = mr; r < MR; r++) packed[at + r] = 0.0;
                }
            }
        } else {
            for (int i0 = 0, to = 0; i0 < mc; i0 += MR, to += kc * MR) {
                int rows = Math.min(MR, mc - i0);
                for (int r = 0; r < rows; r++) {
                    int from = a0 + (i0 + r) * aRow;
                    for (int p = 0; p < kc; p++) packed[to + p * MR + r] = a[from + p * aCol];
                }
                for (int r = rows; r < MR; r++)
                    for (int p = 0; p < kc; p++) packed[to + p * MR + r] = 0.0;
            }
        }
    }

    /**
     * C[MR rows][2L columns] += A · B, entry (r, p) of A at {@code pa[a0 + r·aR + p·aP]}, row p of B at
     * {@code pb[b0 + p·bP]}: packed panels or the matrices in place. Without {@code load}, C's block is
     * overwritten (=) instead of added to (+=): zeroed first, while it is in cache (a kernel that chose between
     * loading C and starting from zero ran 8 % slower).
     */
    private static void kernel(int kc, double[] pa, int a0, int aP, int aR, double[] pb, int b0, int bP, double[] c, int c0, int ldc,
                               boolean load) {
        if (!load) zero(c, c0, ldc);
        if (MR == 8) kernel8(kc, pa, a0, aP, aR, pb, b0, bP, c, c0, ldc);
        else kernel4(kc, pa, a0, aP, aR, pb, b0, bP, c, c0, ldc);
    }

    /** Zeroes C's MR × 2L block at c0. */
    private static void zero(double[] c, int c0, int ldc) {
        DoubleVector z = DoubleVector.zero(S);
        for (int r = 0; r < MR; r++) {
            z.intoArray(c, c0 + r * ldc);
            z.intoArray(c, c0 + r * ldc + L);
        }
    }

    /** C[8 rows][2L columns] += (8 rows of A) · (2L columns of B), in sixteen registers. */
    private static void kernel8(int kc, double[] pa, int a0, int aP, int aR, double[] pb, int b0, int bP, double[] c, int c0, int ldc) {
        int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc, c7 = c6 + ldc;
        DoubleVector c00 = DoubleVector.fromArray(S, c, c0), c01 = DoubleVector.fromArray(S, c, c0 + L);
        DoubleVector c10 = DoubleVector.fromArray(S, c, c1), c11 = DoubleVector.fromArray(S, c, c1 + L);
        DoubleVector c20 = DoubleVector.fromArray(S, c, c2), c21 = DoubleVector.fromArray(S, c, c2 + L);
        DoubleVector c30 = DoubleVector.fromArray(S, c, c3), c31 = DoubleVector.fromArray(S, c, c3 + L);
        DoubleVector c40 = DoubleVector.fromArray(S, c, c4), c41 = DoubleVector.fromArray(S, c, c4 + L);
        DoubleVector c50 = DoubleVector.fromArray(S, c, c5), c51 = DoubleVector.fromArray(S, c, c5 + L);
        DoubleVector c60 = DoubleVector.fromArray(S, c, c6), c61 = DoubleVector.fromArray(S, c, c6 + L);
        DoubleVector c70 = DoubleVector.fromArray(S, c, c7), c71 = DoubleVector.fromArray(S, c, c7 + L);
        int r0 = a0, r1 = a0 + 1 * aR, r2 = a0 + 2 * aR, r3 = a0 + 3 * aR, r4 = a0 + 4 * aR, r5 = a0 + 5 * aR, r6 = a0 + 6 * aR, r7 = a0 + 7 * aR;
        for (int p = 0; p < kc; p++) {
            int ap = p * aP, bp = b0 + p * bP;
            DoubleVector b0v = DoubleVector.fromArray(S, pb, bp), b1v = DoubleVector.fromArray(S, pb, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, pa[r0 + ap]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            x = DoubleVector.broadcast(S, pa[r1 + ap]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            x = DoubleVector.broadcast(S, pa[r2 + ap]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            x = DoubleVector.broadcast(S, pa[r3 + ap]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
            x = DoubleVector.broadcast(S, pa[r4 + ap]);
            c40 = x.fma(b0v, c40);
            c41 = x.fma(b1v, c41);
            x = DoubleVector.broadcast(S, pa[r5 + ap]);
            c50 = x.fma(b0v, c50);
            c51 = x.fma(b1v, c51);
            x = DoubleVector.broadcast(S, pa[r6 + ap]);
            c60 = x.fma(b0v, c60);
            c61 = x.fma(b1v, c61);
            x = DoubleVector.broadcast(S, pa[r7 + ap]);
            c70 = x.fma(b0v, c70);
            c71 = x.fma(b1v, c71);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + L);
        c10.intoArray(c, c1);
        c11.intoArray(c, c1 + L);
        c20.intoArray(c, c2);
        c21.intoArray(c, c2 + L);
        c30.intoArray(c, c3);
        c31.intoArray(c, c3 + L);
        c40.intoArray(c, c4);
        c41.intoArray(c, c4 + L);
        c50.intoArray(c, c5);
        c51.intoArray(c, c5 + L);
        c60.intoArray(c, c6);
        c61.intoArray(c, c6 + L);
        c70.intoArray(c, c7);
        c71.intoArray(c, c7 + L);
    }

    /** C[4 rows][2L columns] += (4 rows of A) · (2L columns of B), in eight registers. */
    private static void kernel4(int kc, double[] pa, int a0, int aP, int aR, double[] pb, int b0, int bP, double[] c, int c0, int ldc) {
        int c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
        DoubleVector c00 = DoubleVector.fromArray(S, c, c0), c01 = DoubleVector.fromArray(S, c, c0 + L);
        DoubleVector c10 = DoubleVector.fromArray(S, c, c1), c11 = DoubleVector.fromArray(S, c, c1 + L);
        DoubleVector c20 = DoubleVector.fromArray(S, c, c2), c21 = DoubleVector.fromArray(S, c, c2 + L);
        DoubleVector c30 = DoubleVector.fromArray(S, c, c3), c31 = DoubleVector.fromArray(S, c, c3 + L);
        int r0 = a0, r1 = a0 + 1 * aR, r2 = a0 + 2 * aR, r3 = a0 + 3 * aR;
        for (int p = 0; p < kc; p++) {
            int ap = p * aP, bp = b0 + p * bP;
            DoubleVector b0v = DoubleVector.fromArray(S, pb, bp), b1v = DoubleVector.fromArray(S, pb, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, pa[r0 + ap]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            x = DoubleVector.broadcast(S, pa[r1 + ap]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            x = DoubleVector.broadcast(S, pa[r2 + ap]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            x = DoubleVector.broadcast(S, pa[r3 + ap]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
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

    /**
     * c += A b for one contiguous column b: four rows of A at a time, each multiplied with b a vector at a
     * time into its own accumulator, summed across lanes at the end.
     */
    private static void matrixVector(int m, int k, double[] a, int aOff, int lda, double[] b, int bOff,
                                     double[] c, int cOff, int ldc) {
        int kMain = k - k % L, i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = aOff + i * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
            DoubleVector s0 = DoubleVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
            for (int p = 0; p < kMain; p += L) {
                DoubleVector x = DoubleVector.fromArray(S, b, bOff + p);
                s0 = DoubleVector.fromArray(S, a, a0 + p).fma(x, s0);
                s1 = DoubleVector.fromArray(S, a, a1 + p).fma(x, s1);
                s2 = DoubleVector.fromArray(S, a, a2 + p).fma(x, s2);
                s3 = DoubleVector.fromArray(S, a, a3 + p).fma(x, s3);
            }
            double t0 = sumInLaneOrder(s0), t1 = sumInLaneOrder(s1);
            double t2 = sumInLaneOrder(s2), t3 = sumInLaneOrder(s3);
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
            double t0 = sumInLaneOrder(s0);
            for (int p = kMain; p < k; p++) t0 += a[a0 + p] * b[bOff + p];
            c[cOff + i * ldc] += t0;
        }
    }

    /**
     * The lanes of s added from the first to the last. {@code reduceLanes(ADD)} leaves the order open, and
     * JDK 24 and later add in a different order once the method is compiled than before: the same
     * product would round differently early and late in one run, and from one JDK to the next.
     */
    static double sumInLaneOrder(DoubleVector s) {
        double sum = s.lane(0);
        for (int l = 1; l < L; l++) sum += s.lane(l);
        return sum;
    }

    @Override
    public String description() {
        return "Vector API, " + L + " doubles per vector, " + MR + " × " + NR + " register block";
    }
}
