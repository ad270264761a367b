package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What comes in at a model's doors (constructors, forward, backward) is refused there, with an
 * IllegalArgumentException that names the argument, instead of a NullPointerException or a silent NaN.
 */
class DoorsTest {
    private final Random rng = new Random(5);
    private final VanillaRnn rnn = VanillaRnn.init(2, 3, Activation.TANH, rng);
    private final Gru gru = Gru.init(2, 3, rng);
    private final Lstm lstm = Lstm.init(2, 3, 1.0, rng);
    private final List<DMatrixRMaj> xs = List.of(Init.normal(2, 1, 1.0, rng), Init.normal(2, 1, 1.0, rng));

    private static void refused(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    private static DMatrixRMaj nanAt(DMatrixRMaj m, int i, int j) {
        DMatrixRMaj c = m.copy();
        c.set(i, j, Double.NaN);
        return c;
    }

    @Test
    void constructorsRefuseNullWeightsByName() {
        DMatrixRMaj W = new DMatrixRMaj(3, 2), U = new DMatrixRMaj(3, 3), b = new DMatrixRMaj(3, 1);
        refused("Wx is null, expected a hiddenSize × inputSize matrix", () -> new VanillaRnn(null, U, b, Activation.TANH));
        refused("Wh is null, expected a hiddenSize × hiddenSize matrix", () -> new VanillaRnn(W, null, b, Activation.TANH));
        refused("Uz is null, expected a hiddenSize × hiddenSize matrix", () -> new Gru(W, null, b, W, U, b, W, U, b));
        refused("Wz is null, expected a hiddenSize × inputSize matrix", () -> new Gru(null, U, b, W, U, b, W, U, b));
        refused("Ui is null, expected a hiddenSize × hiddenSize matrix", () -> new Lstm(W, null, b, W, U, b, W, U, b, W, U, b));
        refused("Wi is null, expected a hiddenSize × inputSize matrix", () -> new Lstm(null, U, b, W, U, b, W, U, b, W, U, b));
        refused("W is null, expected an out × in matrix", () -> new Linear(null, null));
        refused("forward is null, expected a Recurrent model", () -> new Bidirectional(null, rnn));
        refused("backward is null, expected a Recurrent model", () -> new Bidirectional(rnn, null));
        refused("layers is null, expected a list of Linear layers", () -> new Mlp(null, List.of(Activation.TANH)));
        refused("activations is null, expected one Activation per layer", () -> new Mlp(List.of(Linear.init(2, 2, true, rng)), null));
        refused("layer 1 is null, expected a Linear layer", () -> new Mlp(Arrays.asList((Linear) null), List.of(Activation.TANH)));
        refused("activation 1 is null, expected an Activation", () -> new Mlp(List.of(Linear.init(2, 2, true, rng)), Arrays.asList((Activation) null)));
    }

    @Test
    void forwardAndBackwardRefuseNullsByName() {
        var mlp = Mlp.init(new int[] {2, 2}, Activation.TANH, Activation.IDENTITY, true, rng);
        refused("x is null, expected a 2×B matrix", () -> mlp.forward(null));
        refused("run is null, expected the run of this model's forward pass", () -> rnn.backward(null, List.of()));
        refused("run is null, expected the run of this model's forward pass", () -> gru.backward(null, List.of()));
        refused("run is null, expected the run of this model's forward pass", () -> lstm.backward(null, List.of()));
        var run = rnn.forward(xs);
        refused("dLdh is null, expected one gradient (or null) per step, 2 steps", () -> rnn.backward(run, null));
        refused("previous is null, expected a run to continue from", () -> rnn.forward(xs, (Recurrent.Run) null));
        refused("previous is null, expected a run to continue from", () -> gru.forward(xs, (Recurrent.Run) null));
        refused("previous is null, expected a run to continue from", () -> lstm.forward(xs, (Recurrent.Run) null));
        refused("x_1 is null, expected a 2×B matrix", () -> gru.forward(Arrays.asList((DMatrixRMaj) null)));
        refused("x_1 is null, expected a 2×B matrix", () -> lstm.forward(Arrays.asList((DMatrixRMaj) null)));
        refused("x_2 is null, expected a 2×1 matrix", () -> rnn.forward(Arrays.asList(xs.get(0), null)));
        refused("fw is null, expected the result of this network's forward pass", () -> mlp.backward(null, new DMatrixRMaj(2, 1)));
    }

    @Test
    void nonFiniteStatesInputsAndUpstreamGradientsAreRefused() {
        DMatrixRMaj h0 = new DMatrixRMaj(3, 1), c0 = new DMatrixRMaj(3, 1);
        refused("h0[1,0] is NaN: inputs and weights must be finite numbers", () -> rnn.forward(xs, nanAt(h0, 1, 0)));
        refused("h0[1,0] is NaN: inputs and weights must be finite numbers", () -> gru.forward(xs, nanAt(h0, 1, 0)));
        refused("c0[2,0] is NaN: inputs and weights must be finite numbers", () -> lstm.forward(xs, h0, nanAt(c0, 2, 0)));
        var layer = Linear.init(2, 3, true, rng);
        refused("x[0,0] is NaN: inputs and weights must be finite numbers", () -> layer.forward(nanAt(new DMatrixRMaj(2, 1), 0, 0)));
        refused("dL/dy[1,0] is NaN: inputs and weights must be finite numbers",
                () -> layer.backward(new DMatrixRMaj(2, 1), nanAt(new DMatrixRMaj(3, 1), 1, 0), layer.parameters().zerosLike()));
        var run = rnn.forward(xs);
        refused("dL/dh_2[0,0] is NaN: inputs and weights must be finite numbers",
                () -> rnn.backward(run, Arrays.asList(null, nanAt(new DMatrixRMaj(3, 1), 0, 0))));
        var mlp = Mlp.init(new int[] {2, 2}, Activation.TANH, Activation.IDENTITY, true, rng);
        refused("dE/d(output)[1,0] is NaN: inputs and weights must be finite numbers",
                () -> mlp.backward(mlp.forward(new DMatrixRMaj(2, 1)), nanAt(new DMatrixRMaj(2, 1), 1, 0)));
        var att = new ScaledDotProductAttention();
        var result = att.forward(new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 2));
        refused("dL/dO[0,1] is NaN: inputs and weights must be finite numbers", () -> att.backward(result, nanAt(new DMatrixRMaj(2, 2), 0, 1)));
    }

    @Test
    void weightsMadeNonFiniteAfterConstructionAreRefusedAtTheNextForwardPass() {
        rnn.Wh.set(1, 2, Double.NaN);
        refused("Wh[1,2] is NaN: inputs and weights must be finite numbers", () -> rnn.forward(xs));
        gru.bz.set(0, 0, Double.POSITIVE_INFINITY);
        refused("bz[0,0] is Infinity: inputs and weights must be finite numbers", () -> gru.forward(xs));
        lstm.Uc.set(2, 2, Double.NEGATIVE_INFINITY);
        refused("Uc[2,2] is -Infinity: inputs and weights must be finite numbers", () -> lstm.forward(xs));
        var layer = Linear.init(2, 3, true, rng);
        layer.W.set(0, 0, Double.NaN);
        refused("W[0,0] is NaN: inputs and weights must be finite numbers", () -> layer.forward(new DMatrixRMaj(2, 1)));
        var mha = MultiHeadAttention.init(4, 2, rng);
        mha.Wo.set(0, 0, Double.NaN);
        refused("Wo[0,0] is NaN: inputs and weights must be finite numbers", () -> mha.forward(new DMatrixRMaj(4, 2)));
    }

    @Test
    void multiHeadAttentionOnAnEmptySequenceIsRefused() {
        var mha = MultiHeadAttention.init(4, 2, rng);
        refused("X is 4×0: attention needs at least one position (column)", () -> mha.forward(new DMatrixRMaj(4, 0)));
        refused("Z is 4×0: attention needs at least one position (column)", () -> mha.forward(new DMatrixRMaj(4, 1), new DMatrixRMaj(4, 0)));
    }
}
