package gradnotes.nn;

import gradnotes.grad.GradientCheck;
import gradnotes.testing.Reference;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScaledDotProductAttentionTest {

    private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, double tol, String what) {
        assertTrue(MatrixFeatures_DDRM.isIdentical(expected, actual, tol),
                () -> what + ": expected " + expected + " but got " + actual);
    }

    private static double sum(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        for (int i = 0; i < a.data.length; i++) s += a.data[i] * b.data[i];
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"plain_, true, false", "causal_, true, true", "unscaled_, false, false"})
    void matchesTorch(String c, boolean scaled, boolean causal) {
        Reference ref = Reference.load("attention");
        var attention = new ScaledDotProductAttention(scaled, causal);
        var r = attention.forward(ref.get(c + "Q"), ref.get(c + "K"), ref.get(c + "V"));
        assertClose(ref.get(c + "weights"), r.weights(), 1e-12, "weights");
        assertClose(ref.get(c + "output"), r.output(), 1e-12, "output");
        var g = attention.backward(r, ref.get(c + "G"));
        assertClose(ref.get(c + "dQ"), g.dQ(), 1e-12, "dQ");
        assertClose(ref.get(c + "dK"), g.dK(), 1e-12, "dK");
        assertClose(ref.get(c + "dV"), g.dV(), 1e-12, "dV");
    }

    @Test
    void singleQueryByHand() {
        // q = (1, 1), k_1 = (1, 0), k_2 = (0, 2): scores 1/√2 and 2/√2; values 10 and -10
        DMatrixRMaj q = new DMatrixRMaj(2, 1, true, 1, 1);
        DMatrixRMaj K = new DMatrixRMaj(2, 2, true, 1, 0, 0, 2);
        DMatrixRMaj V = new DMatrixRMaj(1, 2, true, 10, -10);
        var r = new ScaledDotProductAttention().attend(q, K, V);
        double s1 = 1 / Math.sqrt(2), s2 = 2 / Math.sqrt(2);
        double a1 = Math.exp(s1) / (Math.exp(s1) + Math.exp(s2));
        assertEquals(s1, r.scores().get(0, 0), 1e-15);
        assertEquals(s2, r.scores().get(1, 0), 1e-15);
        assertEquals(a1, r.alpha(1, 1), 1e-15);
        assertEquals(1 - a1, r.alpha(2, 1), 1e-15);
        assertEquals(10 * a1 - 10 * (1 - a1), r.output().get(0, 0), 1e-13);

        var unscaled = new ScaledDotProductAttention().unscaled().attend(q, K, V);
        assertEquals(2.0, unscaled.scores().get(1, 0), 1e-15);
        assertEquals(Math.exp(1) / (Math.exp(1) + Math.exp(2)), unscaled.alpha(1, 1), 1e-15);
    }

    @Test
    void oneKeyGetsAllTheWeight() {
        Random rng = new Random(3);
        DMatrixRMaj Q = Init.normal(3, 4, 1, rng), K = Init.normal(3, 1, 1, rng), V = Init.normal(2, 1, 1, rng);
        var r = new ScaledDotProductAttention().forward(Q, K, V);
        for (int j = 0; j < 4; j++) {
            assertEquals(1.0, r.weights().get(0, j), 0.0);
            assertEquals(V.get(0, 0), r.output().get(0, j), 1e-15);
            assertEquals(V.get(1, 0), r.output().get(1, j), 1e-15);
        }
        // with a single key the weights are constant, so nothing flows back to Q or K
        var g = new ScaledDotProductAttention().backward(r, Init.normal(2, 4, 1, rng));
        assertEquals(0.0, g.dQ().data[0], 1e-15);
        assertEquals(0.0, g.dK().data[0], 1e-15);
    }

    @ParameterizedTest(name = "scaled={0} causal={1} d={2} n={3} m={4} dv={5}")
    @CsvSource({
            "true, false, 4, 3, 5, 2, 1",
            "true, false, 1, 1, 1, 1, 2",
            "false, false, 3, 1, 6, 4, 3",
            "true, true, 5, 4, 4, 3, 4",
            "false, true, 2, 1, 1, 2, 5",
            "true, false, 6, 7, 2, 1, 6",
    })
    void loopEqualsMatrixForm(boolean scaled, boolean causal, int d, int n, int m, int dv, long seed) {
        Random rng = new Random(seed);
        var attention = new ScaledDotProductAttention(scaled, causal);
        DMatrixRMaj Q = Init.normal(d, n, 1, rng), K = Init.normal(d, m, 1, rng), V = Init.normal(dv, m, 1, rng);
        var matrix = attention.forward(Q, K, V);
        var loop = attention.forwardLoop(Q, K, V);
        assertClose(matrix.scores(), loop.scores(), 1e-13, "scores");
        assertClose(matrix.weights(), loop.weights(), 1e-13, "weights");
        assertClose(matrix.output(), loop.output(), 1e-13, "output");
    }

    @ParameterizedTest(name = "scaled={0} causal={1} d={2} n={3} m={4} dv={5}")
    @CsvSource({
            "true, false, 4, 3, 5, 2, 1",
            "true, false, 1, 1, 1, 1, 2",
            "false, false, 3, 1, 6, 4, 3",
            "true, true, 5, 4, 4, 3, 4",
            "false, true, 2, 3, 3, 2, 5",
            "true, true, 3, 1, 1, 1, 6",
    })
    void everyGradientAgreesWithFiniteDifferences(boolean scaled, boolean causal, int d, int n, int m, int dv, long seed) {
        Random rng = new Random(seed);
        var attention = new ScaledDotProductAttention(scaled, causal);
        DMatrixRMaj Q = Init.normal(d, n, 1, rng), K = Init.normal(d, m, 1, rng), V = Init.normal(dv, m, 1, rng);
        DMatrixRMaj G = Init.normal(dv, n, 1, rng);
        var g = attention.backward(attention.forward(Q, K, V), G);
        var report = GradientCheck.of(() -> sum(attention.forward(Q, K, V).output(), G),
                new Parameters().add("Q", Q).add("K", K).add("V", V),
                new Parameters().add("Q", g.dQ()).add("K", g.dK()).add("V", g.dV()));
        assertTrue(report.passed(1e-6), report::toString);
    }

    @Test
    void loopFormGivesTheSameGradients() {
        Random rng = new Random(8);
        var attention = new ScaledDotProductAttention().causal();
        DMatrixRMaj Q = Init.normal(3, 4, 1, rng), K = Init.normal(3, 4, 1, rng), V = Init.normal(2, 4, 1, rng);
        DMatrixRMaj G = Init.normal(2, 4, 1, rng);
        var fromMatrix = attention.backward(attention.forward(Q, K, V), G);
        var fromLoop = attention.backward(attention.forwardLoop(Q, K, V), G);
        assertClose(fromMatrix.dQ(), fromLoop.dQ(), 1e-13, "dQ");
        assertClose(fromMatrix.dK(), fromLoop.dK(), 1e-13, "dK");
        assertClose(fromMatrix.dV(), fromLoop.dV(), 1e-13, "dV");
    }

    @Test
    void causalMaskHidesTheFuture() {
        Random rng = new Random(21);
        var attention = new ScaledDotProductAttention().causal();
        DMatrixRMaj X = Init.normal(3, 5, 1, rng), V = Init.normal(2, 5, 1, rng);
        var r = attention.forward(X, X, V);
        for (int j = 1; j <= 5; j++) {
            double total = 0;
            for (int i = 1; i <= 5; i++) {
                if (i > j) {
                    assertEquals(0.0, r.alpha(i, j), 0.0, "key " + i + " is after query " + j);
                    assertEquals(Double.NEGATIVE_INFINITY, r.scores().get(i - 1, j - 1));
                }
                total += r.alpha(i, j);
            }
            assertEquals(1.0, total, 1e-14);
        }
        assertEquals(V.get(0, 0), r.output().get(0, 0), 1e-15);
        // changing the last value changes only the last output
        DMatrixRMaj V2 = V.copy();
        V2.set(0, 4, V2.get(0, 4) + 3);
        var r2 = attention.forward(X, X, V2);
        for (int j = 0; j < 4; j++) assertEquals(r.output().get(0, j), r2.output().get(0, j), 0.0);
        assertTrue(Math.abs(r.output().get(0, 4) - r2.output().get(0, 4)) > 1e-3);
    }

    @Test
    void unscaledScoresAreRootDTimesLarger() {
        Random rng = new Random(4);
        DMatrixRMaj Q = Init.normal(16, 3, 1, rng), K = Init.normal(16, 5, 1, rng), V = Init.normal(2, 5, 1, rng);
        var scaled = new ScaledDotProductAttention().forward(Q, K, V);
        var unscaled = new ScaledDotProductAttention().unscaled().forward(Q, K, V);
        for (int i = 0; i < scaled.scores().data.length; i++)
            assertEquals(4.0 * scaled.scores().data[i], unscaled.scores().data[i], 1e-12);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void badShapesAreNamed(boolean loop) {
        var attention = new ScaledDotProductAttention();
        java.util.function.BiFunction<DMatrixRMaj, DMatrixRMaj, Object> run = (Q, K) ->
                loop ? attention.forwardLoop(Q, K, new DMatrixRMaj(2, K.numCols)) : attention.forward(Q, K, new DMatrixRMaj(2, K.numCols));
        var e = assertThrows(IllegalArgumentException.class, () -> run.apply(new DMatrixRMaj(4, 3), new DMatrixRMaj(5, 2)));
        assertEquals("K has 5 rows, Q has 4: queries and keys need the same dimension", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> attention.forward(new DMatrixRMaj(4, 3), new DMatrixRMaj(4, 2), new DMatrixRMaj(2, 3)));
        assertEquals("V has 3 columns, K has 2: every key needs exactly one value", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> attention.causal().forward(new DMatrixRMaj(4, 3), new DMatrixRMaj(4, 5), new DMatrixRMaj(2, 5)));
        assertEquals("a causal mask needs as many queries as keys (one per position), got 3 queries and 5 keys", e.getMessage());
        DMatrixRMaj nan = new DMatrixRMaj(4, 2);
        nan.set(3, 1, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> run.apply(new DMatrixRMaj(4, 3), nan));
        assertEquals("K[3,1] is NaN: inputs and weights must be finite numbers", e.getMessage());
    }

    @Test
    void badSingleQueryAndGradientShapes() {
        var attention = new ScaledDotProductAttention();
        var e = assertThrows(IllegalArgumentException.class,
                () -> attention.attend(new DMatrixRMaj(3, 2), new DMatrixRMaj(3, 4), new DMatrixRMaj(1, 4)));
        assertEquals("q is 3×2: a single query is one column; use forward for many", e.getMessage());
        var r = attention.forward(new DMatrixRMaj(3, 2), new DMatrixRMaj(3, 4), new DMatrixRMaj(1, 4));
        e = assertThrows(IllegalArgumentException.class, () -> attention.backward(r, new DMatrixRMaj(2, 1)));
        assertEquals("dL/dO is 2×1, expected 1×2", e.getMessage());
    }
}
