package gradnotes.badinput;

import gradnotes.nn.Activation;
import gradnotes.nn.Bidirectional;
import gradnotes.nn.EncoderDecoder;
import gradnotes.nn.Gru;
import gradnotes.nn.Init;
import gradnotes.nn.Linear;
import gradnotes.nn.Lstm;
import gradnotes.nn.Mlp;
import gradnotes.nn.MultiHeadAttention;
import gradnotes.nn.Recurrent;
import gradnotes.nn.VanillaRnn;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Fresh models and data for one call: every call gets its own, so that a call which changes a model
 * (an optimizer step) cannot affect the next. Sizes are small and fixed: M inputs, N hidden units,
 * T steps, one sequence. The models come from fixed seeds; {@link #rng} (seeded per call) picks where a
 * bad value goes.
 */
final class Fixture {
    static final int M = 2, N = 3, T = 3;

    final Random rng;
    private final java.util.Map<String, Object> made = new java.util.HashMap<>();

    Fixture(long seed) { this.rng = new Random(seed); }

    @SuppressWarnings("unchecked")
    private <X> X once(String key, Supplier<X> make) {
        if (!made.containsKey(key)) made.put(key, make.get());   // not computeIfAbsent: making one thing may make another
        return (X) made.get(key);
    }

    DMatrixRMaj matrix(int rows, int cols) { return Init.normal(rows, cols, 1.0, rng); }

    List<DMatrixRMaj> sequence(int rows, int steps) {
        List<DMatrixRMaj> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) xs.add(matrix(rows, 1));
        return xs;
    }

    /** x_1..x_T, the same list for every use within one call. */
    List<DMatrixRMaj> xs() { return once("xs", () -> sequence(M, T)); }

    /** A recurrent model of the given kind ("VanillaRnn", "Gru", "Lstm", "Bidirectional"), M → N; {@code copy} 0 or 1. */
    Recurrent recurrent(String kind, int copy) {
        return once(kind + copy, () -> {
            Random r = new Random(11 + copy);
            return switch (kind) {
                case "VanillaRnn" -> VanillaRnn.init(M, N, Activation.TANH, r);
                case "Gru" -> Gru.init(M, N, r);
                case "Lstm" -> Lstm.init(M, N, 1.0, r);
                case "Bidirectional" -> new Bidirectional(VanillaRnn.init(M, 2, Activation.TANH, r), Gru.init(M, 1, r));
                default -> throw new AssertionError(kind);
            };
        });
    }

    /** The run of {@code recurrent(kind, 0)} over {@link #xs()}. */
    Recurrent.Run run(String kind) { return once("run " + kind, () -> recurrent(kind, 0).forward(xs())); }

    /** A run made by {@code recurrent(kind, 0)}, after which its weights were updated. */
    Recurrent.Run staleRun(String kind) {
        Recurrent model = recurrent(kind, 0);
        Recurrent.Run run = model.forward(xs());
        model.parameters().markUpdated();
        return run;
    }

    /** The run of a model of another hidden size (5): it cannot be continued or backpropagated here. */
    Recurrent.Run wideRun() { return VanillaRnn.init(M, 5, Activation.TANH, new Random(3)).forward(xs()); }

    /** dL/dh_t for every step, N × 1 each. */
    List<DMatrixRMaj> dLdh() { return sequence(N, T); }

    Linear linear() { return once("linear", () -> Linear.init(M, N, true, new Random(5))); }

    /** A network M → N → 1 with a bias in every layer. */
    Mlp mlp(int copy) { return once("mlp" + copy, () -> Mlp.init(new int[] {M, N, 1}, Activation.TANH, Activation.IDENTITY, true, new Random(6 + copy))); }

    /** Two heads over d_model = 4 (d_k = d_v = 2). */
    MultiHeadAttention mha(int copy) { return once("mha" + copy, () -> MultiHeadAttention.init(4, 2, new Random(7 + copy))); }

    /** An encoder (M → N) and decoder (vocabulary 4 → N) with attention; readout 2N → 4. */
    EncoderDecoder encoderDecoder(int copy) {
        return once("ed" + copy, () -> {
            Random r = new Random(8 + copy);
            return EncoderDecoder.withAttention(VanillaRnn.init(M, N, Activation.TANH, r), Gru.init(4, N, r), Linear.init(2 * N, 4, true, r));
        });
    }
}
