package gradnotes.grad;

import gradnotes.nn.Activation;
import gradnotes.nn.Gru;
import gradnotes.nn.Init;
import gradnotes.nn.Recurrent;
import gradnotes.nn.RecurrentInit;
import gradnotes.nn.VanillaRnn;
import gradnotes.testing.RecurrentChecks;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientTraceTest {

    @Test
    void jacobianNormsMatchTheProductOfStepJacobians() {
        Random rng = new Random(4);
        VanillaRnn rnn = VanillaRnn.init(2, 3, Activation.TANH, rng);
        var run = rnn.forward(RecurrentChecks.randomSequence(2, 1, 6, rng));
        var table = GradientTrace.jacobianNorms(rnn, run, "tanh");
        DMatrixRMaj product = CommonOps_DDRM.identity(3);
        for (int t = 6; t >= 1; t--) {
            assertEquals(NormOps_DDRM.normF(product), table.doubleColumn("norm").get(t), 1e-12, "t = " + t);
            DMatrixRMaj next = new DMatrixRMaj(3, 3);
            CommonOps_DDRM.mult(product, rnn.stepJacobian(run, t), next);
            product = next;
        }
        assertEquals(NormOps_DDRM.normF(product), table.doubleColumn("norm").get(0), 1e-12, "t = 0");
        assertEquals("tanh", table.stringColumn("series").get(0));
    }

    @Test
    void aGruJacobianNormAgreesWithFiniteDifferences() {
        Random rng = new Random(9);
        Gru gru = Gru.init(2, 3, rng);
        var xs = RecurrentChecks.randomSequence(2, 1, 5, rng);
        var run = gru.forward(xs);
        double norm = GradientTrace.jacobianNorms(gru, run, "gru").doubleColumn("norm").get(2);   // ∂h_5/∂h_2
        double h = 1e-6, squares = 0;
        for (int k = 0; k < 3; k++) {
            DMatrixRMaj plus = run.h(2).copy(), minus = run.h(2).copy();
            plus.add(k, 0, h);
            minus.add(k, 0, -h);
            DMatrixRMaj a = gru.forward(xs.subList(2, 5), plus).h(3), b = gru.forward(xs.subList(2, 5), minus).h(3);
            for (int i = 0; i < 3; i++) { double d = (a.get(i, 0) - b.get(i, 0)) / (2 * h); squares += d * d; }
        }
        assertEquals(Math.sqrt(squares), norm, 1e-8);
    }

    @Test
    void inTheLinearRegimeTheNormIsRhoToThePowerOfTheDistance() {
        for (double rho : new double[] {0.8, 1.0, 1.25}) {
            Random rng = new Random(1);
            VanillaRnn linear = new VanillaRnn(Init.normal(4, 2, 1, rng), RecurrentInit.withSpectralRadius(4, rho, rng),
                    new DMatrixRMaj(4, 1), Activation.IDENTITY);
            var run = linear.forward(RecurrentChecks.randomSequence(2, 1, 20, rng));
            var norms = GradientTrace.jacobianNorms(linear, run, "ρ").doubleColumn("norm");
            for (int t = 0; t <= 20; t++)   // ‖ρ^k Q^k‖_F = ρ^k √n for orthogonal Q
                assertEquals(Math.pow(rho, 20 - t) * 2.0, norms.get(t), 1e-9 * Math.max(1, Math.pow(rho, 20 - t)));
        }
    }

    @Test
    void aGruWithItsUpdateGateShutKeepsTheGradientWhereATanhRnnLosesIt() {
        Random rng = new Random(12);
        Gru gru = Gru.init(3, 8, rng);
        Arrays.fill(gru.bz.data, -4);
        VanillaRnn rnn = VanillaRnn.init(3, 8, Activation.TANH, rng);
        var xs = RecurrentChecks.randomSequence(3, 1, 50, rng);
        double gruFirst = GradientTrace.jacobianNorms(gru, gru.forward(xs), "GRU").doubleColumn("norm").get(0);
        double rnnFirst = GradientTrace.jacobianNorms(rnn, rnn.forward(xs), "RNN").doubleColumn("norm").get(0);
        assertTrue(gruFirst > 0.1, "GRU keeps ‖∂h_50/∂h_0‖ = " + gruFirst);
        assertTrue(rnnFirst < 1e-3 * gruFirst, "tanh RNN loses it: " + rnnFirst);
    }

    @Test
    void layerNormsListTheWeightGradientsInOrder() {
        var g = new gradnotes.nn.Parameters().add("W1", new DMatrixRMaj(1, 2, true, 3, 4)).add("b1", new DMatrixRMaj(1, 1, true, 9))
                .add("W2", new DMatrixRMaj(1, 1, true, -2));
        var t = GradientTrace.layerNorms(g, "W", "sigmoid");
        assertEquals(2, t.rowCount());
        assertEquals(5.0, t.doubleColumn("norm").get(0), 1e-15);
        assertEquals(2.0, t.doubleColumn("norm").get(1), 1e-15);
        assertEquals(2, t.intColumn("layer").get(1));
        assertEquals("W2", t.stringColumn("parameter").get(1));
    }

    @Test
    void parameterNormsListEveryGradientInTheModelsOrder() {
        Random rng = new Random(2);
        Gru gru = Gru.init(2, 3, rng);
        var xs = RecurrentChecks.randomSequence(2, 1, 4, rng);
        var grads = gru.backward(gru.forward(xs), GradientTrace.lossAtLastStep(4, new DMatrixRMaj(3, 1, true, 1, 0, -1))).parameters();
        var t = GradientTrace.parameterNorms(grads, "GRU");
        assertEquals(List.of("Wz", "Uz", "bz", "Wr", "Ur", "br", "W", "U", "b"), t.stringColumn("parameter").asList());
        for (int i = 0; i < 9; i++)
            assertEquals(NormOps_DDRM.normF(grads.get(t.stringColumn("parameter").get(i))), t.doubleColumn("norm").get(i), 0.0);
        assertTrue(t.doubleColumn("norm").get(1) > 0);
        assertEquals("GRU", t.stringColumn("series").get(8));
        assertEquals("there are no gradients to measure", org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GradientTrace.parameterNorms(new gradnotes.nn.Parameters(), "x")).getMessage());
    }

    @Test
    void tablesFromSeveralModelsCombineIntoOne() {
        Random rng = new Random(3);
        var xs = RecurrentChecks.randomSequence(2, 1, 5, rng);
        Gru gru = Gru.init(2, 3, rng);
        var lstm = gradnotes.nn.Lstm.init(2, 3, 1.0, rng);
        var table = GradientTrace.jacobianNorms(gru, gru.forward(xs), "GRU");
        table.append(GradientTrace.jacobianNorms(lstm, lstm.forward(xs), "LSTM"));
        assertEquals(12, table.rowCount());
        assertEquals("GRU", table.stringColumn("series").get(5));
        assertEquals("LSTM", table.stringColumn("series").get(6));
        assertEquals(1.0 * Math.sqrt(3), table.doubleColumn("norm").get(5), 1e-12, "‖∂h_T/∂h_T‖ = ‖I‖_F");
        assertEquals(1.0 * Math.sqrt(3), table.doubleColumn("norm").get(11), 1e-12, "‖∂h_T/∂h_T‖ = ‖I‖_F");
    }

    @Test
    void orthogonalMatricesAreOrthogonal() {
        DMatrixRMaj Q = RecurrentInit.orthogonal(5, new Random(3));
        DMatrixRMaj QtQ = new DMatrixRMaj(5, 5);
        CommonOps_DDRM.multTransA(Q, Q, QtQ);
        assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentity(QtQ, 1e-12));
        var evd = DecompositionFactory_DDRM.eig(5, false);
        evd.decompose(RecurrentInit.withSpectralRadius(5, 0.7, new Random(3)));
        for (int i = 0; i < 5; i++) assertEquals(0.7, evd.getEigenvalue(i).getMagnitude(), 1e-10);
    }

    @Test
    void stateGradientNormsAreTheNormsOfBackpropagatedGradients() {
        Random rng = new Random(6);
        VanillaRnn rnn = VanillaRnn.init(2, 3, Activation.TANH, rng);
        var run = rnn.forward(RecurrentChecks.randomSequence(2, 1, 4, rng));
        List<DMatrixRMaj> dLdh = GradientTrace.lossAtLastStep(4, new DMatrixRMaj(3, 1, true, 1, -2, 0.5));
        var t = GradientTrace.stateGradientNorms(rnn, run, dLdh, "x");
        assertEquals(Math.sqrt(1 + 4 + 0.25), t.doubleColumn("norm").get(3), 1e-12);
        assertEquals(NormOps_DDRM.normF(rnn.backward(run, dLdh).dhs().get(0)), t.doubleColumn("norm").get(0), 0.0);
        assertEquals(1, t.intColumn("t").get(0));
    }

    @Test
    void lstmCellJacobianNormsAgreeWithFiniteDifferences() {
        Random rng = new Random(11);
        gradnotes.nn.Lstm lstm = gradnotes.nn.Lstm.init(2, 3, 1.0, rng);
        var xs = RecurrentChecks.randomSequence(2, 1, 5, rng);
        var run = lstm.forward(xs);
        var table = GradientTrace.cellJacobianNorms(lstm, run, "lstm");
        assertEquals(Math.sqrt(3), table.doubleColumn("norm").get(5), 1e-12);    // ∂c_5/∂c_5 = I
        double h = 1e-6, squares = 0;                 // ∂c_5/∂c_2, with h_2 = o_2 ∘ tanh(c_2) following c_2
        DMatrixRMaj o2 = run.step(2).o();
        java.util.function.Function<DMatrixRMaj, DMatrixRMaj> hOf = c -> {
            DMatrixRMaj hv = c.copy();
            for (int i = 0; i < 3; i++) hv.set(i, 0, o2.get(i, 0) * Math.tanh(c.get(i, 0)));
            return hv;
        };
        for (int k = 0; k < 3; k++) {
            DMatrixRMaj plus = run.c(2).copy(), minus = run.c(2).copy();
            plus.add(k, 0, h);
            minus.add(k, 0, -h);
            var a = lstm.forward(xs.subList(2, 5), hOf.apply(plus), plus).c(3);
            var b = lstm.forward(xs.subList(2, 5), hOf.apply(minus), minus).c(3);
            for (int i = 0; i < 3; i++) { double d = (a.get(i, 0) - b.get(i, 0)) / (2 * h); squares += d * d; }
        }
        assertEquals(Math.sqrt(squares), table.doubleColumn("norm").get(2), 1e-8);
    }
}
