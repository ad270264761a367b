package gradnotes.nn;

import gradnotes.testing.RecurrentChecks;
import gradnotes.testing.Reference;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VanillaRnnTest {

    @ParameterizedTest(name = "{0}: in={1} hidden={2} batch={3} steps={4}")
    @CsvSource({
            "TANH, 3, 4, 2, 6, 1",
            "TANH, 1, 1, 1, 1, 2",
            "RELU, 2, 5, 3, 4, 3",
            "IDENTITY, 4, 3, 1, 7, 4",
    })
    void everyGradientAgreesWithFiniteDifferences(Activation f, int in, int hidden, int batch, int steps, long seed) {
        Random rng = new Random(seed);
        VanillaRnn rnn = VanillaRnn.init(in, hidden, f, rng);
        rnn.b.setData(Init.normal(hidden, 1, 0.3, rng).data);
        var report = RecurrentChecks.check(rnn, batch, steps, rng);
        assertTrue(report.passed(1e-6), report::toString);
    }

    @Test
    void matchesTorchRnn() {
        Reference ref = Reference.load("vanilla_rnn");
        VanillaRnn rnn = new VanillaRnn(ref.get("Wx"), ref.get("Wh"), ref.get("b"), Activation.TANH);
        List<DMatrixRMaj> xs = new ArrayList<>(), G = new ArrayList<>();
        for (int t = 1; ref.has("x_" + t); t++) {
            xs.add(ref.get("x_" + t));
            G.add(ref.get("G_" + t));
        }
        var run = rnn.forward(xs);
        for (int t = 1; t <= xs.size(); t++)
            assertTrue(MatrixFeatures_DDRM.isIdentical(ref.get("h_" + t), run.h(t), 1e-12), "h_" + t);
        var g = rnn.backward(run, G);
        assertTrue(MatrixFeatures_DDRM.isIdentical(ref.get("dWx"), g.parameters().get("Wx"), 1e-12));
        assertTrue(MatrixFeatures_DDRM.isIdentical(ref.get("dWh"), g.parameters().get("Wh"), 1e-12));
        assertTrue(MatrixFeatures_DDRM.isIdentical(ref.get("db"), g.parameters().get("b"), 1e-12));
        for (int t = 1; t <= xs.size(); t++)
            assertTrue(MatrixFeatures_DDRM.isIdentical(ref.get("dx_" + t), g.dxs().get(t - 1), 1e-12), "dx_" + t);
    }

    @Test
    void zeroInputAndZeroStateStayAtTanhOfBias() {
        VanillaRnn rnn = new VanillaRnn(Init.constant(2, 3, 0.5), Init.constant(2, 2, 0.0),
                new DMatrixRMaj(2, 1, true, 0.2, -0.1), Activation.TANH);
        var run = rnn.forward(List.of(new DMatrixRMaj(3, 1)));
        assertEquals(Math.tanh(0.2), run.h(1).get(0, 0), 1e-15);
        assertEquals(Math.tanh(-0.1), run.h(1).get(1, 0), 1e-15);
    }

    @Test
    void stepJacobianMatchesFiniteDifferences() {
        Random rng = new Random(11);
        VanillaRnn rnn = VanillaRnn.init(2, 3, Activation.TANH, rng);
        var xs = RecurrentChecks.randomSequence(2, 1, 3, rng);
        var run = rnn.forward(xs);
        DMatrixRMaj J = rnn.stepJacobian(run, 2);
        double h = 1e-6;
        for (int k = 0; k < 3; k++) {
            DMatrixRMaj plus = run.h(1).copy(), minus = run.h(1).copy();
            plus.add(k, 0, h);
            minus.add(k, 0, -h);
            DMatrixRMaj hp = rnn.step(xs.get(1), plus).h(), hm = rnn.step(xs.get(1), minus).h();
            for (int i = 0; i < 3; i++)
                assertEquals((hp.get(i, 0) - hm.get(i, 0)) / (2 * h), J.get(i, k), 1e-9);
        }
    }

    @Test
    void badShapesAreNamed() {
        VanillaRnn rnn = VanillaRnn.init(3, 4, Activation.TANH, new Random(1));
        var e = assertThrows(IllegalArgumentException.class, () -> rnn.forward(List.of(new DMatrixRMaj(2, 1))));
        assertEquals("x_1 is 2×1, expected 3×1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> rnn.forward(List.of()));
        assertEquals("xs is empty: a sequence needs at least one step", e.getMessage());
        DMatrixRMaj nan = new DMatrixRMaj(4, 4);
        nan.set(1, 2, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> new VanillaRnn(new DMatrixRMaj(4, 3), nan, new DMatrixRMaj(4, 1), Activation.TANH));
        assertEquals("Wh[1,2] is NaN: inputs and weights must be finite numbers", e.getMessage());
        DMatrixRMaj inf = new DMatrixRMaj(3, 1);
        inf.set(2, 0, Double.POSITIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> rnn.forward(List.of(new DMatrixRMaj(3, 1), inf)));
        assertEquals("x_2[2,0] is Infinity: inputs and weights must be finite numbers", e.getMessage());
        var gruRun = Gru.init(3, 4, new java.util.Random(2)).forward(List.of(new DMatrixRMaj(3, 1)));
        assertThrows(IllegalArgumentException.class, () -> rnn.backward(gruRun, java.util.Arrays.asList((DMatrixRMaj) null)));
    }
}
