package gradnotes.nn;

import gradnotes.grad.GradientCheck;
import gradnotes.testing.Reference;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultiHeadAttentionTest {

    private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, double tol, String what) {
        assertTrue(MatrixFeatures_DDRM.isIdentical(expected, actual, tol),
                () -> what + ": expected " + expected + " but got " + actual);
    }

    private static double sum(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        for (int i = 0; i < a.data.length; i++) s += a.data[i] * b.data[i];
        return s;
    }

    private static List<DMatrixRMaj> randomList(int count, int rows, int cols, Random rng) {
        List<DMatrixRMaj> l = new ArrayList<>();
        for (int i = 0; i < count; i++) l.add(Init.normal(rows, cols, 0.6, rng));
        return l;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"self_, 2, false, false", "causal_, 1, true, false", "cross_, 3, false, true"})
    void matchesTorchMultiheadAttention(String c, int heads, boolean causal, boolean cross) {
        Reference ref = Reference.load("multihead_attention");
        List<DMatrixRMaj> Wq = new ArrayList<>(), Wk = new ArrayList<>(), Wv = new ArrayList<>();
        for (int i = 1; i <= heads; i++) {
            Wq.add(ref.get(c + "Wq_" + i));
            Wk.add(ref.get(c + "Wk_" + i));
            Wv.add(ref.get(c + "Wv_" + i));
        }
        var attention = new ScaledDotProductAttention(true, causal);
        var mha = new MultiHeadAttention(Wq, Wk, Wv, ref.get(c + "Wo"), attention);
        DMatrixRMaj X = ref.get(c + "X");
        var r = cross ? mha.forward(X, ref.get(c + "Z")) : mha.forward(X);
        assertClose(ref.get(c + "Y"), r.Y(), 1e-12, "Y");
        for (int i = 1; i <= heads; i++) assertClose(ref.get(c + "weights_" + i), r.weights(i), 1e-12, "weights_" + i);

        var g = mha.backward(r, ref.get(c + "G"));
        for (int i = 1; i <= heads; i++)
            for (String w : new String[] {"Wq_", "Wk_", "Wv_"})
                assertClose(ref.get(c + "d" + w + i), g.parameters().get(w + i), 1e-12, "d" + w + i);
        assertClose(ref.get(c + "dWo"), g.parameters().get("Wo"), 1e-12, "dWo");
        assertClose(ref.get(c + "dX"), g.dX(), 1e-12, "dX");
        if (cross) assertClose(ref.get(c + "dZ"), g.dZ(), 1e-12, "dZ");
    }

    @ParameterizedTest(name = "h={0} dModel={1} dSrc={2} dk={3} dv={4} dOut={5} n={6} m={7} causal={8}")
    @CsvSource({
            "2, 4, 4, 2, 2, 4, 3, 0, false, 1",
            "1, 3, 3, 3, 3, 3, 1, 0, false, 2",
            "3, 2, 2, 1, 2, 5, 4, 0, true, 3",
            "2, 4, 3, 3, 1, 2, 2, 5, false, 4",
            "1, 1, 2, 1, 1, 1, 1, 1, false, 5",
            "4, 5, 5, 2, 3, 5, 5, 0, true, 6",
    })
    void everyGradientAgreesWithFiniteDifferences(int h, int dModel, int dSrc, int dk, int dv, int dOut,
                                                   int n, int m, boolean causal, long seed) {
        Random rng = new Random(seed);
        boolean self = m == 0;
        if (self) dSrc = dModel;
        var mha = new MultiHeadAttention(randomList(h, dk, dModel, rng), randomList(h, dk, dSrc, rng),
                randomList(h, dv, dSrc, rng), Init.normal(dOut, h * dv, 0.6, rng), new ScaledDotProductAttention(true, causal));
        DMatrixRMaj X = Init.normal(dModel, n, 1, rng), Z = self ? X : Init.normal(dSrc, m, 1, rng);
        DMatrixRMaj G = Init.normal(dOut, n, 1, rng);
        var g = mha.backward(mha.forward(X, Z), G);

        Parameters wrt = new Parameters().addAll("", mha.parameters()).add("X", X);
        Parameters analytic = new Parameters().addAll("", g.parameters()).add("X", g.dX());
        if (!self) {
            wrt.add("Z", Z);
            analytic.add("Z", g.dZ());
        }
        var report = GradientCheck.of(() -> sum(mha.forward(X, Z).Y(), G), wrt, analytic);
        assertTrue(report.passed(1e-6), report::toString);
    }

    @Test
    void selfAttentionGradientCoversEveryPath() {
        Random rng = new Random(9);
        var mha = MultiHeadAttention.init(4, 2, rng);
        DMatrixRMaj X = Init.normal(4, 3, 1, rng), G = Init.normal(4, 3, 1, rng);
        var g = mha.backward(mha.forward(X), G);
        assertSame(g.dX(), g.dZ());
        // the same X fed as a separate (equal) source: the query path alone is a different gradient
        var cross = mha.backward(mha.forward(X, X.copy()), G);
        DMatrixRMaj total = cross.dX().copy();
        CommonOps_DDRM.addEquals(total, cross.dZ());
        assertClose(total, g.dX(), 1e-13, "dX(self) = dX(query path) + dZ(key/value path)");
        assertTrue(!MatrixFeatures_DDRM.isIdentical(cross.dX(), g.dX(), 1e-3));
    }

    @Test
    void withoutPositionsSelfAttentionIsPermutationEquivariant() {
        Random rng = new Random(12);
        var mha = MultiHeadAttention.init(6, 3, rng);
        DMatrixRMaj X = Init.normal(6, 4, 1, rng);
        int[] perm = {2, 0, 3, 1};
        DMatrixRMaj Xp = new DMatrixRMaj(6, 4);
        for (int j = 0; j < 4; j++) CommonOps_DDRM.insert(CommonOps_DDRM.extract(X, 0, 6, perm[j], perm[j] + 1), Xp, 0, j);
        DMatrixRMaj Y = mha.forward(X).Y(), Yp = mha.forward(Xp).Y();
        for (int j = 0; j < 4; j++)
            for (int i = 0; i < 6; i++) assertEquals(Y.get(i, perm[j]), Yp.get(i, j), 1e-13);
        // with positional encodings added, order matters
        DMatrixRMaj Ype = mha.forward(PositionalEncoding.add(Xp)).Y(), Ype0 = mha.forward(PositionalEncoding.add(X)).Y();
        assertTrue(Math.abs(Ype0.get(0, perm[0]) - Ype.get(0, 0)) > 1e-6);
    }

    @Test
    void eachHeadHasItsOwnDistribution() {
        Random rng = new Random(2);
        var mha = MultiHeadAttention.init(4, 6, 2, new ScaledDotProductAttention(), rng);
        var r = mha.forward(Init.normal(4, 3, 1, rng), Init.normal(6, 5, 1, rng));
        assertEquals(2, r.heads().size());
        assertTrue(!r.selfAttention());
        for (int i = 1; i <= 2; i++) {
            assertEquals(5, r.weights(i).numRows);
            assertEquals(3, r.weights(i).numCols);
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 5; k++) s += r.weights(i).get(k, j);
                assertEquals(1.0, s, 1e-14);
            }
        }
        assertTrue(!MatrixFeatures_DDRM.isIdentical(r.weights(1), r.weights(2), 1e-3));
    }

    @Test
    void badShapesAreNamed() {
        Random rng = new Random(1);
        var mha = MultiHeadAttention.init(4, 2, rng);
        var e = assertThrows(IllegalArgumentException.class, () -> mha.forward(new DMatrixRMaj(3, 2)));
        assertEquals("X has 3 rows, Wq_1 (2×4) expects 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> mha.forward(new DMatrixRMaj(4, 2), new DMatrixRMaj(5, 2)));
        assertEquals("Z has 5 rows, Wk_1 (2×4) expects 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MultiHeadAttention.init(6, 4, rng));
        assertEquals("dModel = 6 does not split into 4 equal heads", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(randomList(2, 2, 4, rng),
                randomList(2, 2, 4, rng), randomList(2, 3, 4, rng), new DMatrixRMaj(4, 4), new ScaledDotProductAttention()));
        assertEquals("Wo is 4×4 but the 2 heads of size 3 stack to 6 rows: Wo needs 6 columns", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(randomList(2, 2, 4, rng),
                randomList(1, 2, 4, rng), randomList(2, 2, 4, rng), new DMatrixRMaj(4, 4), new ScaledDotProductAttention()));
        assertEquals("Wq has 2 heads but Wk has 1 and Wv 2: every head needs one of each", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(randomList(2, 2, 4, rng),
                List.of(new DMatrixRMaj(2, 4), new DMatrixRMaj(3, 4)), randomList(2, 2, 4, rng), new DMatrixRMaj(4, 4),
                new ScaledDotProductAttention()));
        assertEquals("Wk_2 is 3×4, expected 2×4", e.getMessage());
        var r = mha.forward(new DMatrixRMaj(4, 2));
        e = assertThrows(IllegalArgumentException.class, () -> mha.backward(r, new DMatrixRMaj(4, 3)));
        assertEquals("dL/dY is 4×3, expected 4×2", e.getMessage());
    }
}
