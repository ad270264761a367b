package gradnotes.nn;

import gradnotes.grad.GradientCheck;
import gradnotes.testing.RecurrentChecks;
import gradnotes.testing.Reference;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GruTest {

    private static Gru withRandomBiases(int in, int hidden, Random rng) {
        Gru g = Gru.init(in, hidden, rng);
        for (DMatrixRMaj bias : List.of(g.bz, g.br, g.b)) bias.setData(Init.normal(hidden, 1, 0.5, rng).data);
        return g;
    }

    @ParameterizedTest(name = "in={0} hidden={1} batch={2} steps={3}")
    @CsvSource({"3, 4, 2, 6, 1", "1, 1, 1, 1, 2", "2, 5, 3, 4, 3", "4, 2, 1, 8, 4"})
    void everyGradientAgreesWithFiniteDifferences(int in, int hidden, int batch, int steps, long seed) {
        Random rng = new Random(seed);
        var report = RecurrentChecks.check(withRandomBiases(in, hidden, rng), batch, steps, rng);
        assertTrue(report.passed(1e-6), report::toString);
    }

    @Test
    void zeroInputsStillGetCorrectGradients() {
        Random rng = new Random(6);
        Gru g = withRandomBiases(3, 4, rng);
        List<DMatrixRMaj> zeros = List.of(new DMatrixRMaj(3, 2), new DMatrixRMaj(3, 2), new DMatrixRMaj(3, 2));
        assertTrue(org.ejml.dense.row.NormOps_DDRM.normF(g.forward(zeros).h(3)) > 0.1, "the biases alone move the state");
        var report = RecurrentChecks.check(g, zeros, rng);
        assertTrue(report.passed(1e-6), report::toString);
    }

    @Test
    void matchesTorchGruAfterMappingTheUpdateGate() {
        Reference ref = Reference.load("gru");
        Gru gru = new Gru(ref.get("Wz"), ref.get("Uz"), ref.get("bz"), ref.get("Wr"), ref.get("Ur"), ref.get("br"),
                ref.get("W"), ref.get("U"), ref.get("b"));
        RecurrentChecks.assertMatchesReference(gru, ref, 1e-12);
    }

    @Test
    void aShutUpdateGateKeepsTheStateAndAnOpenOneReplacesIt() {
        Random rng = new Random(5);
        Gru g = Gru.init(2, 3, rng);
        DMatrixRMaj h0 = new DMatrixRMaj(3, 1, true, 0.3, -0.6, 0.9), x = Init.normal(2, 1, 1.0, rng);
        java.util.Arrays.fill(g.bz.data, -30);                      // z ≈ 0
        var shut = g.step(x, h0);
        for (int i = 0; i < 3; i++) assertEquals(h0.get(i, 0), shut.h().get(i, 0), 1e-12);
        java.util.Arrays.fill(g.bz.data, 30);                       // z ≈ 1
        var open = g.step(x, h0);
        for (int i = 0; i < 3; i++) assertEquals(open.hHat().get(i, 0), open.h().get(i, 0), 1e-12);
    }

    @Test
    void zeroInputAndStateGiveTheBiasesAlone() {
        Gru g = Gru.init(2, 2, new Random(2));
        g.b.set(0, 0, 0.4);
        g.bz.set(0, 0, 0.0);
        var s = g.step(new DMatrixRMaj(2, 1), new DMatrixRMaj(2, 1));
        assertEquals(0.5 * Math.tanh(0.4), s.h().get(0, 0), 1e-15);   // z = σ(0) = 1/2
    }

    @Test
    void continuingARunEqualsOneLongRun() {
        Random rng = new Random(8);
        Gru g = withRandomBiases(2, 3, rng);
        var xs = RecurrentChecks.randomSequence(2, 2, 6, rng);
        var whole = g.forward(xs);
        var first = g.forward(xs.subList(0, 4));
        var rest = g.forward(xs.subList(4, 6), first);
        assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentical(whole.h(6), rest.h(2), 1e-15));
    }

    @Test
    void badShapesAreNamed() {
        Random rng = new Random(1);
        var e = assertThrows(IllegalArgumentException.class, () -> new Gru(Init.xavier(3, 2, rng), Init.xavier(3, 3, rng),
                new DMatrixRMaj(3, 1), Init.xavier(3, 2, rng), Init.xavier(2, 2, rng), new DMatrixRMaj(3, 1),
                Init.xavier(3, 2, rng), Init.xavier(3, 3, rng), new DMatrixRMaj(3, 1)));
        assertEquals("Ur is 2×2, expected 3×3", e.getMessage());
        Gru g = Gru.init(2, 3, rng);
        e = assertThrows(IllegalArgumentException.class, () -> g.forward(List.of(new DMatrixRMaj(4, 1))));
        assertEquals("x_1 is 4×1, expected 2×1", e.getMessage());
    }

    @Test
    void badGradientsAreNamed() {
        Random rng = new Random(2);
        Gru g = Gru.init(2, 3, rng);
        var run = g.forward(RecurrentChecks.randomSequence(2, 2, 3, rng));
        assertEquals("dLdh has 2 steps but the run has 3", assertThrows(IllegalArgumentException.class,
                () -> g.backward(run, RecurrentChecks.randomSequence(3, 2, 2, rng))).getMessage());
        assertEquals("dL/dh_3 is 3×1, expected 3×2", assertThrows(IllegalArgumentException.class,
                () -> g.backward(run, java.util.Arrays.asList(null, null, new DMatrixRMaj(3, 1)))).getMessage());
        var rnnRun = VanillaRnn.init(2, 3, Activation.TANH, rng).forward(RecurrentChecks.randomSequence(2, 2, 3, rng));
        assertEquals("a GRU backpropagates through its own run, got gradnotes.nn.VanillaRnn$Run", assertThrows(
                IllegalArgumentException.class, () -> g.backward(rnnRun, RecurrentChecks.randomSequence(3, 2, 3, rng))).getMessage());
    }

    @Test
    void gradientCheckReportsAWrongGradient() {
        // the check itself must be able to fail on this model: corrupt one analytic entry
        Random rng = new Random(3);
        Gru g = withRandomBiases(2, 2, rng);
        var xs = RecurrentChecks.randomSequence(2, 1, 3, rng);
        var G = RecurrentChecks.randomSequence(2, 1, 3, rng);
        var grads = g.backward(g.forward(xs), G).parameters();
        grads.get("Ur").add(1, 0, 1e-3);
        var report = GradientCheck.of(() -> RecurrentChecks.loss(g, xs, G), g.parameters(), grads);
        assertTrue(!report.entry("Ur").passed(1e-6) && report.entry("Uz").passed(1e-6), report::toString);
    }
}
