package gradnotes.linalg;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatMulTest {
    private static final int[] ROWS = {1, 3, 4, 5, 9, 64, 67};
    private static final int[] COLS = {1, 7, 8, 9, 16, 17, 33};
    private static final int[] DEPTHS = {1, 5, 64, VectorGemm.KC + 3};

    /** The textbook triple loop, entry by entry: the independent reference. */
    private static DMatrixRMaj reference(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c0) {
        DMatrixRMaj c = c0.copy();
        for (int i = 0; i < c.numRows; i++)
            for (int j = 0; j < c.numCols; j++) {
                double s = c.get(i, j);
                int k = transA ? a.numRows : a.numCols;
                for (int p = 0; p < k; p++) s += (transA ? a.get(p, i) : a.get(i, p)) * (transB ? b.get(j, p) : b.get(p, j));
                c.set(i, j, s);
            }
        return c;
    }

    /** Entries drawn from N(0, 1). */
    static DMatrixRMaj random(int rows, int cols, Random rng) {
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        for (int q = 0; q < x.data.length; q++) x.data[q] = rng.nextGaussian();
        return x;
    }

    private static void agreesWithReference(Gemm gemm) {
        Random rng = new Random(7);
        for (boolean transA : new boolean[] {false, true})
            for (boolean transB : new boolean[] {false, true})
                for (int m : ROWS)
                    for (int n : COLS)
                        for (int k : DEPTHS) {
                            DMatrixRMaj a = transA ? random(k, m, rng) : random(m, k, rng);
                            DMatrixRMaj b = transB ? random(n, k, rng) : random(k, n, rng);
                            DMatrixRMaj c0 = random(m, n, rng), c = c0.copy();
                            MatMul.product(gemm, transA, transB, a, b, c, true);
                            DMatrixRMaj expected = reference(transA, transB, a, b, c0);
                            for (int q = 0; q < c.data.length; q++)
                                assertEquals(expected.data[q], c.data[q], 1e-12 * (k + 1),
                                        () -> "op(A) " + m + "×" + k + (transA ? " (Aᵀ)" : "") + ", op(B) " + k + "×" + n + (transB ? " (Bᵀ)" : ""));
                            // C = op(A) op(B) overwrites whatever C held, NaN included, without reading it
                            c.fill(Double.NaN);
                            MatMul.product(gemm, transA, transB, a, b, c, false);
                            DMatrixRMaj overwritten = reference(transA, transB, a, b, new DMatrixRMaj(m, n));
                            for (int q = 0; q < c.data.length; q++)
                                assertEquals(overwritten.data[q], c.data[q], 1e-12 * (k + 1),
                                        () -> "C = op(A) op(B), op(A) " + m + "×" + k + (transA ? " (Aᵀ)" : "") + ", op(B) " + k + "×" + n + (transB ? " (Bᵀ)" : ""));
                        }
    }

    @Test
    void portableLoopsAgreeWithTheTripleLoop() {
        agreesWithReference(new PortableGemm());
    }

    /**
     * The portable loops' outer product (k = 1) and their Aᵀ B into a C of a few columns, accumulated
     * into Cᵀ, add each entry's products one by one in the order of p, as the triple loop does: the
     * same bits, not only within rounding. The vector kernel hands its column-times-wide-row products
     * (a readout's ∂L/∂z rᵀ) to the first. C is a block of a wider array, whose other entries stay.
     */
    @Test
    void fewColumnsAndOuterProductsGiveTheTripleLoopsBits() {
        Random rng = new Random(13);
        record Case(Gemm gemm, boolean transA, boolean transB, int m, int n, int k) {}
        java.util.List<Case> cases = new java.util.ArrayList<>();
        for (boolean transA : new boolean[] {false, true})
            for (boolean transB : new boolean[] {false, true})
                for (int[] mn : new int[][] {{5, 32}, {3, 2}, {48, 5}, {1, 7}})
                    cases.add(new Case(new PortableGemm(), transA, transB, mn[0], mn[1], 1));
        for (int n = 2; n < PortableGemm.FEW_COLUMNS; n++)
            for (int k : new int[] {1, 3, 16})
                cases.add(new Case(new PortableGemm(), true, false, 48, n, k));
        cases.add(new Case(new VectorGemm(), false, true, 5, 32, 1));
        cases.add(new Case(new VectorGemm(), false, true, 1, 33, 1));
        for (Case t : cases) {
            int m = t.m(), n = t.n(), k = t.k(), ldc = n + 3;
            DMatrixRMaj a = t.transA() ? random(k, m, rng) : random(m, k, rng);
            DMatrixRMaj b = t.transB() ? random(n, k, rng) : random(k, n, rng);
            DMatrixRMaj c0 = random(m, n, rng);
            double[] wide = new double[2 + m * ldc];
            java.util.Arrays.fill(wide, -7.0);
            for (int i = 0; i < m; i++) System.arraycopy(c0.data, i * n, wide, 2 + i * ldc, n);
            t.gemm().multAdd(t.transA(), t.transB(), m, n, k, a.data, 0, a.numCols, b.data, 0, b.numCols, wide, 2, ldc);
            DMatrixRMaj expected = reference(t.transA(), t.transB(), a, b, c0);
            for (int i = 0; i < m; i++)
                for (int q = 0; q < ldc; q++) {
                    double want = q < n ? expected.get(i, q) : -7.0, got = wide[2 + i * ldc + q];
                    assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(got),
                            () -> t + ": entry " + want + " came out " + got);
                }
            assertEquals(-7.0, wide[0]);
            assertEquals(-7.0, wide[1]);
        }
    }

    @Test
    void vectorKernelAgreesWithTheTripleLoopAcrossBlockEdges() {
        agreesWithReference(new VectorGemm());
    }

    /**
     * Random shapes around every blocking edge of the kernel (register block, row slice, k slice, column
     * slice), each with every transpose combination, against the triple loop.
     */
    @Test
    void vectorKernelAgreesWithTheTripleLoopOnRandomShapes() {
        Random rng = new Random(11);
        int[] edges = {VectorGemm.MR - 1, VectorGemm.MR + 1, VectorGemm.MC - 1, VectorGemm.MC + 1, 2 * VectorGemm.MC + 5};
        int[] nEdges = {2, 15, 16, 17, 31, 33, VectorGemm.NC + 9};
        Gemm gemm = new VectorGemm();
        for (int trial = 0; trial < 60; trial++) {
            int m = trial < edges.length ? edges[trial] : 1 + rng.nextInt(150);
            int n = trial < nEdges.length ? nEdges[trial] : 1 + rng.nextInt(70);
            int k = trial % 7 == 0 ? VectorGemm.KC + 1 + rng.nextInt(40) : 1 + rng.nextInt(80);
            if (n > 200) { m = 3; k = 9; }
            boolean transA = rng.nextBoolean(), transB = rng.nextBoolean();
            DMatrixRMaj a = transA ? random(k, m, rng) : random(m, k, rng);
            DMatrixRMaj b = transB ? random(n, k, rng) : random(k, n, rng);
            DMatrixRMaj c0 = random(m, n, rng), c = c0.copy();
            boolean add = rng.nextBoolean();
            if (!add) c.fill(Double.NaN);
            MatMul.product(gemm, transA, transB, a, b, c, add);
            DMatrixRMaj expected = reference(transA, transB, a, b, add ? c0 : new DMatrixRMaj(m, n));
            int mm = m, nn = n, kk = k;
            for (int q = 0; q < c.data.length; q++)
                assertEquals(expected.data[q], c.data[q], 1e-12 * (k + 1),
                        () -> "op(A) " + mm + "×" + kk + (transA ? " (Aᵀ)" : "") + ", op(B) " + kk + "×" + nn + (transB ? " (Bᵀ)" : "")
                                + (add ? ", C +=" : ", C ="));
        }
    }

    /** A block of rows of a larger matrix, passed by offset and leading dimension, as the models pass steps. */
    @Test
    void vectorKernelReadsAndWritesOnlyTheBlockItIsGiven() {
        Random rng = new Random(5);
        int m = 13, n = 19, k = 21, lda = 30, ldb = 25, ldc = 40, off = 7;
        double[] a = random(m + 2, lda, rng).data, b = random(k + 2, ldb, rng).data, c = random(m + 2, ldc, rng).data;
        double[] c0 = c.clone();
        new VectorGemm().multAdd(false, false, m, n, k, a, off, lda, b, off, ldb, c, off, ldc);
        for (int q = 0; q < c.length; q++) {
            int i = (q - off) / ldc, j = (q - off) % ldc;
            double expected = c0[q];
            if (q >= off && i < m && j < n)
                for (int p = 0; p < k; p++) expected += a[off + i * lda + p] * b[off + p * ldb + j];
            assertEquals(expected, c[q], 1e-12 * (k + 1), "c[" + q + "]");
        }
    }

    @Test
    void theTestJvmRunsTheVectorKernel() {
        // surefire passes --add-modules jdk.incubator.vector; without it this suite would test only the loops
        assertTrue(MatMul.kernel().startsWith("Vector API"), MatMul.kernel());
    }

    @Test
    void multOverwritesAndMultAddAccumulates() {
        Random rng = new Random(3);
        DMatrixRMaj a = random(6, 4, rng), b = random(4, 16, rng), c = random(6, 16, rng), c0 = c.copy();
        MatMul.multAdd(a, b, c);
        DMatrixRMaj ab = new DMatrixRMaj(6, 16);
        ab.fill(99);
        MatMul.mult(a, b, ab);
        for (int q = 0; q < c.data.length; q++) assertEquals(c0.data[q] + ab.data[q], c.data[q], 1e-12);
        DMatrixRMaj reference = reference(false, false, a, b, new DMatrixRMaj(6, 16));
        for (int q = 0; q < ab.data.length; q++) assertEquals(reference.data[q], ab.data[q], 1e-12);
    }

    @Test
    void mismatchedShapesAreNamed() {
        DMatrixRMaj a = new DMatrixRMaj(3, 4), b = new DMatrixRMaj(5, 2), c = new DMatrixRMaj(3, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> MatMul.mult(a, b, c));
        assertEquals("cannot form 3×2 = 3×4 · 5×2: the product is undefined (4 ≠ 5)", e.getMessage());
        var wrongOut = assertThrows(IllegalArgumentException.class, () -> MatMul.multTransA(a, new DMatrixRMaj(3, 2), c));
        assertEquals("cannot form 3×2 = 3×4ᵀ · 3×2: the product is 4×2", wrongOut.getMessage());
        DMatrixRMaj square = new DMatrixRMaj(2, 2);
        assertThrows(IllegalArgumentException.class, () -> MatMul.multAdd(square, new DMatrixRMaj(2, 2), square));
    }
}
