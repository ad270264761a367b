package gradnotes.nn;

import gradnotes.grad.Jacobians;
import gradnotes.testing.RecurrentChecks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BidirectionalTest {
    private static Bidirectional make(Random rng) {
        return new Bidirectional(VanillaRnn.init(2, 3, Activation.TANH, rng), Gru.init(2, 2, rng));
    }

    @Test
    void everyGradientAgreesWithFiniteDifferences() {
        for (long seed = 1; seed <= 3; seed++) {
            Random rng = new Random(seed);
            var report = RecurrentChecks.check(make(rng), (int) seed, 4, rng);
            assertTrue(report.passed(1e-6), report::toString);
        }
        Random rng = new Random(9);
        assertTrue(RecurrentChecks.check(make(rng), 1, 1, rng).passed(1e-6), "a one-step sequence");
    }

    @Test
    void gatedDirectionsAndZeroInputsAgreeWithFiniteDifferences() {
        Random rng = new Random(10);
        Lstm lstm = Lstm.init(3, 2, 1.0, rng);
        Gru gru = Gru.init(3, 3, rng);
        for (DMatrixRMaj b : List.of(lstm.bi, lstm.bo, lstm.bc, gru.bz, gru.br, gru.b)) b.setData(Init.normal(b.numRows, 1, 0.5, rng).data);
        Bidirectional bi = new Bidirectional(lstm, gru);
        var random = RecurrentChecks.check(bi, 2, 4, rng);
        assertTrue(random.passed(1e-6), random::toString);
        var zero = RecurrentChecks.check(bi, List.of(new DMatrixRMaj(3, 1), new DMatrixRMaj(3, 1), new DMatrixRMaj(3, 1)), rng);
        assertTrue(zero.passed(1e-6), zero::toString);
        assertEquals(List.of("forward.Wi", "forward.Ui"), bi.parameters().names().subList(0, 2));
        assertEquals("backward.Wz", bi.parameters().names().get(12));
    }

    @Test
    void theStateStacksBothDirections() {
        Random rng = new Random(4);
        Bidirectional bi = make(rng);
        var xs = RecurrentChecks.randomSequence(2, 1, 5, rng);
        var run = bi.forward(xs);
        assertEquals(5, bi.hiddenSize());
        assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentical(
                org.ejml.dense.row.CommonOps_DDRM.extract(run.h(2), 0, 3, 0, 1), bi.forward.forward(xs).h(2), 0.0));
        var reversed = new java.util.ArrayList<>(xs);
        java.util.Collections.reverse(reversed);
        assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentical(
                org.ejml.dense.row.CommonOps_DDRM.extract(run.h(2), 3, 5, 0, 1), bi.backward.forward(reversed).h(4), 0.0));
    }

    @Test
    void aForwardRnnIgnoresTheFutureABidirectionalOneDoesNot() {
        Random rng = new Random(6);
        VanillaRnn forwardOnly = VanillaRnn.init(2, 3, Activation.TANH, rng);
        Bidirectional bi = new Bidirectional(forwardOnly, VanillaRnn.init(2, 3, Activation.TANH, rng));
        var xs = RecurrentChecks.randomSequence(2, 1, 4, rng);
        DMatrixRMaj S = Jacobians.sensitivity(forwardOnly, xs), B = Jacobians.sensitivity(bi, xs);
        for (int t = 0; t < 4; t++)
            for (int s = 0; s < 4; s++) {
                if (s > t) assertEquals(0.0, S.get(t, s), 0.0, "forward-only h_" + (t + 1) + " and x_" + (s + 1));
                else assertTrue(S.get(t, s) > 0);
                assertTrue(B.get(t, s) > 0, "bidirectional h_" + (t + 1) + " and x_" + (s + 1));
            }
    }

    @Test
    void aForwardLstmIsAlsoBlindToTheFuture() {
        Random rng = new Random(7);
        Lstm lstm = Lstm.init(2, 3, 1.0, rng);
        var xs = RecurrentChecks.randomSequence(2, 1, 4, rng);
        DMatrixRMaj J = Jacobians.stateByInput(lstm, xs, 2, 4);
        assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isZeros(J, 0.0), J::toString);
        assertTrue(org.ejml.dense.row.NormOps_DDRM.normF(Jacobians.stateByInput(lstm, xs, 4, 2)) > 0);
    }

    @Test
    void jacobiansAgreeWithFiniteDifferences() {
        Random rng = new Random(8);
        Bidirectional bi = make(rng);
        var xs = RecurrentChecks.randomSequence(2, 1, 4, rng);
        DMatrixRMaj J = Jacobians.stateByInput(bi, xs, 2, 3);
        double h = 1e-6;
        for (int k = 0; k < 2; k++) {
            DMatrixRMaj saved = xs.get(2).copy();
            xs.get(2).add(k, 0, h);
            DMatrixRMaj plus = bi.forward(xs).h(2).copy();
            xs.get(2).setTo(saved);
            xs.get(2).add(k, 0, -h);
            DMatrixRMaj minus = bi.forward(xs).h(2).copy();
            xs.get(2).setTo(saved);
            for (int i = 0; i < 5; i++) assertEquals((plus.get(i, 0) - minus.get(i, 0)) / (2 * h), J.get(i, k), 1e-8);
        }
    }

    @Test
    void badUseIsNamed() {
        Random rng = new Random(1);
        assertEquals("the forward recurrence reads 2 inputs per step, the backward one 3", assertThrows(IllegalArgumentException.class,
                () -> new Bidirectional(VanillaRnn.init(2, 3, Activation.TANH, rng), VanillaRnn.init(3, 3, Activation.TANH, rng))).getMessage());
        Bidirectional bi = make(rng);
        var run = bi.forward(List.of(new DMatrixRMaj(2, 1)));
        assertThrows(IllegalArgumentException.class, () -> bi.forward(List.of(new DMatrixRMaj(2, 1)), run));
        assertEquals("a bidirectional network backpropagates through its own run, got gradnotes.nn.VanillaRnn$Run",
                assertThrows(IllegalArgumentException.class, () -> bi.backward(
                        VanillaRnn.init(2, 5, Activation.TANH, rng).forward(List.of(new DMatrixRMaj(2, 1))),
                        List.of(new DMatrixRMaj(5, 1)))).getMessage());
        assertEquals("dL/dh_1 is 3×1, expected 5×1", assertThrows(IllegalArgumentException.class,
                () -> bi.backward(run, List.of(new DMatrixRMaj(3, 1)))).getMessage());
        assertEquals("Jacobians are computed for one sequence; the batch has 2", assertThrows(IllegalArgumentException.class,
                () -> Jacobians.sensitivity(bi, List.of(new DMatrixRMaj(2, 2)))).getMessage());
        assertEquals("t = 3 is outside the sequence 1..1", assertThrows(IllegalArgumentException.class,
                () -> Jacobians.stateByInput(bi, List.of(new DMatrixRMaj(2, 1)), 3, 1)).getMessage());
    }
}
