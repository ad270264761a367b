package gradnotes.nn;

import gradnotes.train.Adam;
import gradnotes.train.Momentum;
import gradnotes.train.Sgd;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A backward pass refuses a forward pass of another model, or one made before the weights were updated. */
class ProvenanceTest {
    private final Random rng = new Random(8);
    private final List<DMatrixRMaj> xs = List.of(Init.normal(2, 1, 1.0, rng), Init.normal(2, 1, 1.0, rng));
    private final List<DMatrixRMaj> dLdh = List.of(Init.normal(3, 1, 1.0, rng), Init.normal(3, 1, 1.0, rng));

    private static String refused(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static void foreign(String message) {
        assertTrue(message.startsWith("run was made by another ") && message.endsWith(
                "backward needs the result of this model's own forward pass"), message);
    }

    private static void stale(String message) {
        assertTrue(message.startsWith("run is stale: the weights of this ") && message.endsWith(
                "backward needs a pass made with the current weights: run forward again"), message);
    }

    @Test
    void aRunOfAnotherModelOfTheSameShapeIsRefused() {
        for (Random r : List.of(new Random(1))) {
            var a = VanillaRnn.init(2, 3, Activation.TANH, r);
            var b = VanillaRnn.init(2, 3, Activation.TANH, r);
            foreign(refused(() -> a.backward(b.forward(xs), dLdh)));
            var g1 = Gru.init(2, 3, r);
            var g2 = Gru.init(2, 3, r);
            foreign(refused(() -> g1.backward(g2.forward(xs), dLdh)));
            var l1 = Lstm.init(2, 3, 1.0, r);
            var l2 = Lstm.init(2, 3, 1.0, r);
            foreign(refused(() -> l1.backward(l2.forward(xs), dLdh)));
            foreign(refused(() -> l1.backwardWithCells(l2.forward(xs), dLdh)));
            var bi1 = new Bidirectional(VanillaRnn.init(2, 2, Activation.TANH, r), VanillaRnn.init(2, 1, Activation.TANH, r));
            var bi2 = new Bidirectional(VanillaRnn.init(2, 2, Activation.TANH, r), VanillaRnn.init(2, 1, Activation.TANH, r));
            foreign(refused(() -> bi1.backward(bi2.forward(xs), dLdh)));
        }
    }

    @Test
    void aRunOfAModelOfAnotherHiddenSizeIsRefusedInsteadOfAnIndexError() {
        var small = VanillaRnn.init(2, 3, Activation.TANH, rng);
        var large = VanillaRnn.init(2, 5, Activation.TANH, rng);
        foreign(refused(() -> small.backward(large.forward(xs), dLdh)));
    }

    @Test
    void aRunMadeBeforeAnUpdateIsStale() {
        var rnn = VanillaRnn.init(2, 3, Activation.TANH, rng);
        var run = rnn.forward(xs);
        var grads = rnn.backward(run, dLdh).parameters();
        new Sgd(0.1).step(rnn.parameters(), grads);
        stale(refused(() -> rnn.backward(run, dLdh)));
        rnn.backward(rnn.forward(xs), dLdh);                 // a fresh run is fine

        var gru = Gru.init(2, 3, rng);
        var gruRun = gru.forward(xs);
        new Adam(0.01).step(gru.parameters(), gru.backward(gruRun, dLdh).parameters());
        stale(refused(() -> gru.backward(gruRun, dLdh)));

        var lstm = Lstm.init(2, 3, 1.0, rng);
        var lstmRun = lstm.forward(xs);
        new Momentum(0.01, 0.9).step(lstm.parameters(), lstm.backward(lstmRun, dLdh).parameters());
        stale(refused(() -> lstm.backward(lstmRun, dLdh)));

        var zeroed = VanillaRnn.init(2, 3, Activation.TANH, rng);
        var zeroedRun = zeroed.forward(xs);
        zeroed.parameters().zero();
        stale(refused(() -> zeroed.backward(zeroedRun, dLdh)));
    }

    @Test
    void anUpdateOfOneModelLeavesTheRunsOfAnotherValid() {
        var a = VanillaRnn.init(2, 3, Activation.TANH, rng);
        var b = VanillaRnn.init(2, 3, Activation.TANH, rng);
        var runB = b.forward(xs);
        var expected = b.backward(runB, dLdh).parameters().norm();
        new Sgd(0.1).step(a.parameters(), a.backward(a.forward(xs), dLdh).parameters());
        assertEquals(expected, b.backward(runB, dLdh).parameters().norm(), 0.0);
    }

    @Test
    void mlpAttentionAndEncoderDecoderResultsAreBoundToTheirModel() {
        var m1 = Mlp.init(new int[] {2, 3, 1}, Activation.TANH, Activation.IDENTITY, true, rng);
        var m2 = Mlp.init(new int[] {2, 3, 1}, Activation.TANH, Activation.IDENTITY, true, rng);
        var fw = m2.forward(xs.get(0));
        String msg = refused(() -> m1.backward(fw, new DMatrixRMaj(1, 1)));
        assertTrue(msg.startsWith("fw was made by another Mlp"), msg);
        var fw1 = m1.forward(xs.get(0));
        new Sgd(0.1).step(m1.parameters(), m1.backward(fw1, new DMatrixRMaj(1, 1, true, 1.0)).parameters());
        assertTrue(refused(() -> m1.backward(fw1, new DMatrixRMaj(1, 1))).startsWith("fw is stale"));

        var scaled = new ScaledDotProductAttention();
        var unscaledResult = scaled.unscaled().forward(new DMatrixRMaj(4, 2), new DMatrixRMaj(4, 3), new DMatrixRMaj(2, 3));
        assertEquals("r was made by ScaledDotProductAttention[unscaled], not by this ScaledDotProductAttention[scaled by √d]:"
                + " backward needs the result of this model's own forward pass", refused(() -> scaled.backward(unscaledResult, new DMatrixRMaj(2, 2))));
        // another attention with the same switches computes the same thing
        var sameSwitches = new ScaledDotProductAttention().forward(new DMatrixRMaj(4, 2), new DMatrixRMaj(4, 3), new DMatrixRMaj(2, 3));
        assertEquals(2, scaled.backward(sameSwitches, new DMatrixRMaj(2, 2)).dQ().numCols);

        var h1 = MultiHeadAttention.init(4, 2, rng);
        var h2 = MultiHeadAttention.init(4, 2, rng);
        var y2 = h2.forward(new DMatrixRMaj(4, 3));
        assertTrue(refused(() -> h1.backward(y2, new DMatrixRMaj(4, 3))).startsWith("r was made by another MultiHeadAttention"));

        var e1 = EncoderDecoder.withoutAttention(VanillaRnn.init(2, 3, Activation.TANH, rng), VanillaRnn.init(4, 3, Activation.TANH, rng),
                Linear.init(3, 4, true, rng));
        var e2 = EncoderDecoder.withoutAttention(VanillaRnn.init(2, 3, Activation.TANH, rng), VanillaRnn.init(4, 3, Activation.TANH, rng),
                Linear.init(3, 4, true, rng));
        var r2 = e2.forward(xs, new int[] {1, 2}, 0);
        assertTrue(refused(() -> e1.backward(r2, new int[] {1, 2})).startsWith("r was made by another EncoderDecoder"));
        var r1 = e1.forward(xs, new int[] {1, 2}, 0);
        e1.readout.parameters().addScaled(0.5, e1.readout.parameters().copy());
        assertTrue(refused(() -> e1.backward(r1, new int[] {1, 2})).startsWith("r is stale"));
    }

    @Test
    void aScalarRnnRefusesAnotherNetworksForwardPass() {
        var a = new ScalarRnn(0.1, 1.0, 2.0);
        var b = a.withWh(0.5);
        var fw = b.forward(1.0, new double[] {10, 10}, new double[] {5, 5});
        assertTrue(refused(() -> a.backward(fw)).startsWith("fw was made by another ScalarRnn"));
        assertTrue(refused(() -> a.jacobianProduct(fw, 0)).startsWith("fw was made by another ScalarRnn"));
        assertEquals(b.backward(fw).dWh(), b.backward(b.forward(1.0, new double[] {10, 10}, new double[] {5, 5})).dWh(), 0.0);
    }

    @Test
    void aGradientTraceOfAnotherModelsRunIsRefused() {
        var a = VanillaRnn.init(2, 3, Activation.TANH, rng);
        var b = VanillaRnn.init(2, 3, Activation.TANH, rng);
        foreign(refused(() -> gradnotes.grad.GradientTrace.jacobianNorms(a, b.forward(xs), "a on b's run")));
        List<DMatrixRMaj> none = Collections.nCopies(2, null);
        foreign(refused(() -> gradnotes.grad.GradientTrace.stateGradientNorms(a, b.forward(xs), none, "a on b's run")));
    }
}
