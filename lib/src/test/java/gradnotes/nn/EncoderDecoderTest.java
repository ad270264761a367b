package gradnotes.nn;

import gradnotes.grad.GradientCheck;
import gradnotes.testing.RecurrentChecks;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncoderDecoderTest {

    /** VanillaRnn encoder and decoder (tanh, random biases) and a readout with a random bias. */
    private static EncoderDecoder model(boolean attention, int in, int hidden, int decoderIn, int vocab, Random rng) {
        VanillaRnn enc = VanillaRnn.init(in, hidden, Activation.TANH, rng);
        VanillaRnn dec = VanillaRnn.init(decoderIn, hidden, Activation.TANH, rng);
        enc.b.setData(Init.normal(hidden, 1, 0.3, rng).data);
        dec.b.setData(Init.normal(hidden, 1, 0.3, rng).data);
        Linear readout = new Linear(Init.normal(vocab, attention ? 2 * hidden : hidden, 0.8, rng), Init.normal(vocab, 1, 0.3, rng));
        return attention ? EncoderDecoder.withAttention(enc, dec, readout) : EncoderDecoder.withoutAttention(enc, dec, readout);
    }

    private static int[] randomTokens(int n, int vocab, Random rng) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = rng.nextInt(vocab);
        return t;
    }

    @ParameterizedTest(name = "attention={0} in={1} hidden={2} decoderIn={3} vocab={4} M={5} N={6}")
    @CsvSource({
            "false, 3, 4, 2, 5, 4, 3, 1",
            "true,  3, 4, 2, 5, 4, 3, 1",
            "false, 2, 3, 3, 4, 1, 1, 2",
            "true,  2, 3, 3, 4, 1, 1, 2",
            "false, 1, 1, 1, 2, 2, 5, 3",
            "true,  1, 1, 1, 2, 2, 5, 3",
            "true,  4, 2, 3, 3, 6, 2, 4",
    })
    void everyGradientAgreesWithFiniteDifferences(boolean attention, int in, int hidden, int decoderIn, int vocab,
                                                   int M, int N, long seed) {
        Random rng = new Random(seed);
        EncoderDecoder model = model(attention, in, hidden, decoderIn, vocab, rng);
        List<DMatrixRMaj> xs = RecurrentChecks.randomSequence(in, 1, M, rng);
        List<DMatrixRMaj> us = RecurrentChecks.randomSequence(decoderIn, 1, N, rng);
        int[] y = randomTokens(N, vocab, rng);
        var g = everyGradientAgreesWithFiniteDifferences(model, xs, us, y);
        assertEquals(List.of("encoder.Wx", "encoder.Wh", "encoder.b", "decoder.Wx", "decoder.Wh", "decoder.b",
                "readout.W", "readout.b"), g.parameters().names());
    }

    /**
     * An LSTM decoder starts from both of the encoder's final states, h_M and c_M, so the gradient reaching its
     * c_0 must go on into the encoder's last cell; GRU cells are the single-state case.
     */
    @ParameterizedTest(name = "{0} attention={1}")
    @CsvSource({"lstm, false", "lstm, true", "gru, false", "gru, true"})
    void gatedEncodersAndDecodersAgreeWithFiniteDifferences(String cell, boolean attention) {
        Random rng = new Random(attention ? 41 : 42);
        int in = 2, hidden = 3, decoderIn = 2, vocab = 4, M = 4, N = 3;
        Recurrent enc = cell.equals("lstm") ? Lstm.init(in, hidden, 1.0, rng) : Gru.init(in, hidden, rng);
        Recurrent dec = cell.equals("lstm") ? Lstm.init(decoderIn, hidden, 1.0, rng) : Gru.init(decoderIn, hidden, rng);
        Linear readout = new Linear(Init.normal(vocab, attention ? 2 * hidden : hidden, 0.8, rng), Init.normal(vocab, 1, 0.3, rng));
        EncoderDecoder model = attention ? EncoderDecoder.withAttention(enc, dec, readout) : EncoderDecoder.withoutAttention(enc, dec, readout);
        List<DMatrixRMaj> xs = RecurrentChecks.randomSequence(in, 1, M, rng);
        List<DMatrixRMaj> us = RecurrentChecks.randomSequence(decoderIn, 1, N, rng);
        int[] y = randomTokens(N, vocab, rng);
        everyGradientAgreesWithFiniteDifferences(model, xs, us, y);
    }

    /** Checks ∂L/∂ of every parameter, every source x_i and every decoder input u_t against finite differences. */
    private static EncoderDecoder.Gradients everyGradientAgreesWithFiniteDifferences(EncoderDecoder model, List<DMatrixRMaj> xs,
                                                                                    List<DMatrixRMaj> us, int[] y) {
        var g = model.backward(model.forward(xs, us), y);
        Parameters wrt = new Parameters().addAll("", model.parameters());
        Parameters analytic = new Parameters().addAll("", g.parameters());
        for (int i = 1; i <= xs.size(); i++) {
            wrt.add("x_" + i, xs.get(i - 1));
            analytic.add("x_" + i, g.dxs().get(i - 1));
        }
        for (int t = 1; t <= us.size(); t++) {
            wrt.add("u_" + t, us.get(t - 1));
            analytic.add("u_" + t, g.dDecoderInputs().get(t - 1));
        }
        var report = GradientCheck.of(() -> model.loss(model.forward(xs, us), y), wrt, analytic);
        assertTrue(report.passed(1e-6), report::toString);
        return g;
    }

    @ParameterizedTest(name = "attention={0}")
    @ValueSource(booleans = {false, true})
    void teacherForcedGradientsAgreeWithFiniteDifferences(boolean attention) {
        Random rng = new Random(attention ? 31 : 32);
        int vocab = 4;
        EncoderDecoder model = model(attention, 2, 3, vocab, vocab, rng);
        List<DMatrixRMaj> xs = RecurrentChecks.randomSequence(2, 1, 5, rng);
        int[] y = {3, 1, 1, 0, 2, 2, 1};
        var g = model.backward(model.forward(xs, y, 0), y);
        Parameters wrt = new Parameters().addAll("", model.parameters());
        Parameters analytic = new Parameters().addAll("", g.parameters());
        for (int i = 1; i <= 5; i++) {
            wrt.add("x_" + i, xs.get(i - 1));
            analytic.add("x_" + i, g.dxs().get(i - 1));
        }
        var report = GradientCheck.of(() -> model.loss(model.forward(xs, y, 0), y), wrt, analytic);
        assertTrue(report.passed(1e-6), report::toString);
    }

    @Test
    void attentionModelByHand() {
        Random rng = new Random(5);
        int hidden = 3, vocab = 4;
        EncoderDecoder model = model(true, 2, hidden, vocab, vocab, rng);
        VanillaRnn enc = (VanillaRnn) model.encoder, dec = (VanillaRnn) model.decoder;
        List<DMatrixRMaj> xs = RecurrentChecks.randomSequence(2, 1, 3, rng);
        int[] y = {2, 0};
        int start = 3;
        var r = model.forward(xs, y, start);

        List<DMatrixRMaj> hs = new ArrayList<>();
        DMatrixRMaj h = new DMatrixRMaj(hidden, 1);
        for (DMatrixRMaj x : xs) hs.add(h = enc.step(x, h).h());
        DMatrixRMaj s = h;
        double expectedLoss = 0;
        for (int t = 1; t <= 2; t++) {
            s = dec.step(SoftmaxCrossEntropy.oneHot(t == 1 ? start : y[t - 2], vocab), s).h();
            double[] e = new double[3], alpha = new double[3];
            double norm = 0;
            for (int i = 0; i < 3; i++) {
                for (int k = 0; k < hidden; k++) e[i] += s.get(k, 0) * hs.get(i).get(k, 0);
                norm += Math.exp(e[i]);
            }
            double[] c = new double[hidden];
            for (int i = 0; i < 3; i++) {
                alpha[i] = Math.exp(e[i]) / norm;
                assertEquals(alpha[i], r.attentionWeights().get(i, t - 1), 1e-14, "α_" + t + "," + (i + 1));
                for (int k = 0; k < hidden; k++) c[k] += alpha[i] * hs.get(i).get(k, 0);
            }
            for (int k = 0; k < hidden; k++) assertEquals(c[k], r.context(t).get(k, 0), 1e-14);
            double[] z = new double[vocab];
            double zNorm = 0;
            for (int v = 0; v < vocab; v++) {
                z[v] = model.readout.b.get(v, 0);
                for (int k = 0; k < hidden; k++)
                    z[v] += model.readout.W.get(v, k) * s.get(k, 0) + model.readout.W.get(v, hidden + k) * c[k];
                assertEquals(z[v], r.logits(t).get(v, 0), 1e-13, "z_" + t + "[" + v + "]");
                zNorm += Math.exp(z[v]);
            }
            expectedLoss -= z[y[t - 1]] - Math.log(zNorm);
        }
        assertEquals(expectedLoss, model.loss(r, y), 1e-12);
    }

    @Test
    void withoutAttentionOnlyTheFinalEncoderStateReachesTheDecoder() {
        Random rng = new Random(6);
        EncoderDecoder model = model(false, 2, 3, 4, 4, rng);
        List<DMatrixRMaj> xs = RecurrentChecks.randomSequence(2, 1, 4, rng);
        int[] y = {1, 2, 3};
        var r = model.forward(xs, y, 0);
        assertTrue(MatrixFeatures_DDRM.isIdentical(r.h(4), r.decoder().h0(), 0.0), "s_0 = h_M");
        var g = model.backward(r, y);
        assertTrue(MatrixFeatures_DDRM.isIdentical(g.decoder().dh0(), g.encoder().dhs().get(3), 0.0),
                "∂L/∂h_M is exactly what reaches s_0");
        var e = assertThrows(IllegalStateException.class, r::attentionWeights);
        assertEquals("this model has no attention: build it with EncoderDecoder.withAttention", e.getMessage());
    }

    @Test
    void withAttentionEveryEncoderStateGetsADirectGradient() {
        Random rng = new Random(7);
        EncoderDecoder model = model(true, 2, 3, 4, 4, rng);
        List<DMatrixRMaj> xs = RecurrentChecks.randomSequence(2, 1, 4, rng);
        int[] y = {1, 2, 3};
        var r = model.forward(xs, y, 0);
        DMatrixRMaj A = r.attentionWeights();
        assertEquals(4, A.numRows);
        assertEquals(3, A.numCols);
        for (int t = 0; t < 3; t++) {
            double sum = 0;
            for (int i = 0; i < 4; i++) sum += A.get(i, t);
            assertEquals(1.0, sum, 1e-14);
        }
        var g = model.backward(r, y);
        // h_M gets more than s_0's gradient: the attention path adds to it
        assertTrue(!MatrixFeatures_DDRM.isIdentical(g.decoder().dh0(), g.encoder().dhs().get(3), 1e-6));
    }

    @Test
    void oneSourceStepGetsAllTheAttention() {
        Random rng = new Random(8);
        EncoderDecoder model = model(true, 2, 3, 4, 4, rng);
        var r = model.forward(RecurrentChecks.randomSequence(2, 1, 1, rng), new int[] {1, 3, 2}, 0);
        for (int t = 1; t <= 3; t++) {
            assertEquals(1.0, r.attentionWeights().get(0, t - 1), 0.0);
            assertTrue(MatrixFeatures_DDRM.isIdentical(r.h(1), r.context(t), 1e-15));
        }
    }

    @ParameterizedTest(name = "attention={0}")
    @ValueSource(booleans = {false, true})
    void greedyDecodingFeedsBackItsOwnChoices(boolean attention) {
        Random rng = new Random(9);
        EncoderDecoder model = model(attention, 2, 3, 5, 5, rng);
        List<DMatrixRMaj> xs = RecurrentChecks.randomSequence(2, 1, 3, rng);
        var translation = model.greedyDecode(xs, 0, 6);
        assertEquals(6, translation.tokens().length);
        assertArrayEquals(translation.tokens(), translation.result().predictions());
        var teacherForced = model.forward(xs, translation.tokens(), 0);
        for (int t = 1; t <= 6; t++)
            assertTrue(MatrixFeatures_DDRM.isIdentical(teacherForced.logits(t), translation.result().logits(t), 1e-14));
    }

    @Test
    void greedyDecodingStopsAtTheEndToken() {
        Random rng = new Random(10);
        EncoderDecoder model = model(true, 2, 3, 4, 4, rng);
        List<DMatrixRMaj> xs = RecurrentChecks.randomSequence(2, 1, 3, rng);
        model.readout.b.set(2, 0, 50.0);
        assertArrayEquals(new int[] {2}, model.greedyDecode(xs, 0, 2, 10).tokens());
        model.readout.b.set(2, 0, -50.0);
        var t = model.greedyDecode(xs, 0, 2, 7);
        assertEquals(7, t.tokens().length);
        for (int token : t.tokens()) assertTrue(token != 2);
    }

    @Test
    void gradientDescentLearnsToReverseAPair() {
        Random rng = new Random(12);
        int vocab = 5;
        EncoderDecoder model = model(true, vocab, 6, vocab, vocab, rng);
        int[] source = {1, 2, 3, 4}, target = {4, 3, 2, 1};
        List<DMatrixRMaj> xs = new ArrayList<>();
        for (int s : source) xs.add(SoftmaxCrossEntropy.oneHot(s, vocab));
        double first = model.loss(model.forward(xs, target, 0), target);
        for (int step = 0; step < 100; step++)
            model.parameters().addScaled(-0.1, model.backward(model.forward(xs, target, 0), target).parameters());
        double last = model.loss(model.forward(xs, target, 0), target);
        assertTrue(last < 0.1 * first, "loss went from " + first + " to " + last);
        assertArrayEquals(target, model.greedyDecode(xs, 0, 4).tokens());
    }

    @Test
    void badInputsAreNamed() {
        Random rng = new Random(1);
        var enc = VanillaRnn.init(2, 3, Activation.TANH, rng);
        var e = assertThrows(IllegalArgumentException.class, () -> EncoderDecoder.withoutAttention(enc,
                VanillaRnn.init(4, 5, Activation.TANH, rng), Linear.init(5, 4, true, rng)));
        assertEquals("the decoder has hidden size 5 and the encoder 3: the decoder starts from the encoder's final state, "
                + "so they must match", e.getMessage());
        var dec = VanillaRnn.init(4, 3, Activation.TANH, rng);
        e = assertThrows(IllegalArgumentException.class, () -> EncoderDecoder.withAttention(enc, dec, Linear.init(3, 4, true, rng)));
        assertEquals("readout W is 4×3 but reads [s_t; c_t] of size 6: W needs 6 columns", e.getMessage());

        var model = EncoderDecoder.withAttention(enc, dec, Linear.init(6, 4, true, rng));
        e = assertThrows(IllegalArgumentException.class, () -> model.forward(List.of(new DMatrixRMaj(2, 2)), new int[] {1}, 0));
        assertEquals("x_1 has 2 columns: EncoderDecoder reads one sequence at a time, so each step is a single column", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.forward(List.of(), new int[] {1}, 0));
        assertEquals("xs is empty: a sequence needs at least one step", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.forward(List.of(new DMatrixRMaj(2, 1)), new int[] {7, 1}, 0));
        assertEquals("targets[0] = 7 is not a token: the vocabulary is 0..3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.forward(List.of(new DMatrixRMaj(3, 1)), new int[] {1}, 0));
        assertEquals("x_1 is 3×1, expected 2×1", e.getMessage());
        var r = model.forward(List.of(new DMatrixRMaj(2, 1)), new int[] {1, 2, 3}, 0);
        e = assertThrows(IllegalArgumentException.class, () -> model.backward(r, new int[] {1, 2}));
        assertEquals("targets has 2 tokens but the decoder ran 3 steps", e.getMessage());

        var wide = EncoderDecoder.withoutAttention(enc, VanillaRnn.init(2, 3, Activation.TANH, rng), Linear.init(3, 4, true, rng));
        e = assertThrows(IllegalArgumentException.class, () -> wide.teacherInputs(new int[] {1}, 0));
        assertEquals("tokens are fed back as one-hot columns, but the decoder reads 2 inputs and the vocabulary has 4 tokens",
                e.getMessage());
    }
}
