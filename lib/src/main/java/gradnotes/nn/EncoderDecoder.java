package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A sequence-to-sequence model: an encoder RNN reads x_1..x_M, a decoder RNN writes N outputs, and
 * N need not equal M. Both are any {@link Recurrent} with the same hidden size n; a {@link Linear}
 * readout turns each decoder step into logits over the output vocabulary:
 * <pre>
 *   h_i = f_enc(h_{i−1}, x_i),   h_0 = 0                       i = 1..M   (encoder states)
 *   s_t = f_dec(s_{t−1}, u_t),   s_0 = h_M                     t = 1..N   (decoder states)
 *
 *   without attention:   z_t = W_y s_t + b_y
 *   with attention:      e_{t,i} = s_t · h_i                   (dot-product scores, not scaled)
 *                        α_t = softmax(e_t)                    (over the M source positions)
 *                        c_t = Σ_i α_{t,i} h_i                 (context)
 *                        z_t = W_y [s_t; c_t] + b_y            (state and context stacked)
 *
 *   L = Σ_t CE(z_t, y_t)                                       (softmax cross-entropy per step)
 * </pre>
 * u_t is the decoder's input at step t. With teacher forcing it is the previous target token as a
 * one-hot column, u_1 = one-hot(start), u_t = one-hot(y_{t−1}); a one-hot input makes the decoder's
 * input weights a table of token embeddings. Any other inputs can be given as a list.
 *
 * <p>Without attention everything the decoder knows about the source passes through the one vector
 * h_M. With attention each step looks at all of h_1..h_M, and each h_i receives gradient from every
 * decoder step directly instead of only through the chain of later encoder states. The attention
 * is Luong's global "dot" attention; Luong then passes [c_t; s_t] through a tanh layer and feeds it
 * back into the next decoder input, both of which are left out here so that z_t is linear in
 * [s_t; c_t] and the decoder states do not depend on the attention.
 *
 * <p>One sequence pair at a time: every x_i and u_t is a single column.
 */
public final class EncoderDecoder {
    public final Recurrent encoder, decoder;
    public final Linear readout;
    /** The decoder's attention over the encoder states (unscaled, unmasked), or null for the plain model. */
    public final ScaledDotProductAttention attention;

    private EncoderDecoder(Recurrent encoder, Recurrent decoder, Linear readout, boolean withAttention) {
        if (encoder == null || decoder == null || readout == null)
            throw new IllegalArgumentException("encoder, decoder and readout must all be given");
        int n = encoder.hiddenSize();
        if (decoder.hiddenSize() != n)
            throw new IllegalArgumentException("the decoder has hidden size " + decoder.hiddenSize() + " and the encoder "
                    + n + ": the decoder starts from the encoder's final state, so they must match");
        int readIn = withAttention ? 2 * n : n;
        if (readout.in() != readIn)
            throw new IllegalArgumentException("readout W is " + Shapes.of(readout.W) + " but reads "
                    + (withAttention ? "[s_t; c_t] of size " : "s_t of size ") + readIn + ": W needs " + readIn + " columns");
        this.encoder = encoder;
        this.decoder = decoder;
        this.readout = readout;
        this.attention = withAttention ? new ScaledDotProductAttention().unscaled() : null;
    }

    /** The plain model: only h_M reaches the decoder; the readout is {@code vocabulary × n}. */
    public static EncoderDecoder withoutAttention(Recurrent encoder, Recurrent decoder, Linear readout) {
        return new EncoderDecoder(encoder, decoder, readout, false);
    }

    /** With dot-product attention over h_1..h_M; the readout is {@code vocabulary × 2n}. */
    public static EncoderDecoder withAttention(Recurrent encoder, Recurrent decoder, Linear readout) {
        return new EncoderDecoder(encoder, decoder, readout, true);
    }

    public boolean hasAttention() { return attention != null; }

    /** Number of output classes (rows of the readout). */
    public int vocabulary() { return readout.out(); }

    /** encoder.*, decoder.*, readout.*: by reference. */
    public Parameters parameters() {
        return new Parameters().addAll("encoder.", encoder.parameters()).addAll("decoder.", decoder.parameters())
                .addAll("readout.", readout.parameters());
    }

    /**
     * A forward pass.
     *
     * @param encoder       the encoder's run (states h_1..h_M)
     * @param decoder       the decoder's run (states s_1..s_N, started from h_M)
     * @param attention     Q = [s_1..s_N], K = V = [h_1..h_M]: scores e, weights α (column t = α_t) and
     *                      contexts (column t = c_t); null without attention
     * @param readoutInputs what the readout read at each step: s_t, or [s_t; c_t]
     * @param logits        z_1..z_N
     * @param madeBy        the model that computed it, at which version of its weights
     */
    public record Result(Recurrent.Run encoder, Recurrent.Run decoder, ScaledDotProductAttention.Result attention,
                         List<DMatrixRMaj> readoutInputs, List<DMatrixRMaj> logits, Provenance madeBy) {
        /** M. */
        public int sourceLength() { return encoder.length(); }

        /** N. */
        public int targetLength() { return decoder.length(); }

        /** Encoder state h_i, i = 1..M. */
        public DMatrixRMaj h(int i) { return encoder.h(i); }

        /** Decoder state s_t, t = 1..N. */
        public DMatrixRMaj s(int t) { return decoder.h(t); }

        /** z_t, t = 1..N. */
        public DMatrixRMaj logits(int t) { return logits.get(Shapes.index(t, "t", logits.size()) - 1); }

        /**
         * The attention matrix, {@code M × N}: column t is α_t over the source positions. Its transpose
         * (target steps as rows) is the usual alignment heatmap.
         */
        public DMatrixRMaj attentionWeights() { return requireAttention().weights(); }

        /** c_t, t = 1..N. */
        public DMatrixRMaj context(int t) {
            DMatrixRMaj C = requireAttention().output();
            Shapes.index(t, "t", C.numCols);
            return CommonOps_DDRM.extract(C, 0, C.numRows, t - 1, t);
        }

        /** argmax_k z_t[k] for t = 1..N (index t − 1). */
        public int[] predictions() {
            int[] p = new int[logits.size()];
            for (int t = 0; t < p.length; t++) p[t] = argmax(logits.get(t));
            return p;
        }

        private ScaledDotProductAttention.Result requireAttention() {
            if (attention == null)
                throw new IllegalStateException("this model has no attention: build it with EncoderDecoder.withAttention");
            return attention;
        }
    }

    /**
     * The gradients of L.
     *
     * @param parameters ∂L/∂W for every weight, named as in {@link #parameters()} ("encoder.Wx", ...)
     * @param encoder    the encoder's BPTT: ∂L/∂x_i in {@code dxs}, the total ∂L/∂h_i in {@code dhs}
     * @param decoder    the decoder's BPTT: ∂L/∂u_t in {@code dxs}, ∂L/∂s_0 = what reached h_M in {@code dh0}
     */
    public record Gradients(Parameters parameters, Recurrent.SequenceGradients encoder, Recurrent.SequenceGradients decoder) {
        /** ∂L/∂x_i for i = 1..M (index i − 1). */
        public List<DMatrixRMaj> dxs() { return encoder.dxs(); }

        /** ∂L/∂u_t for t = 1..N (index t − 1). */
        public List<DMatrixRMaj> dDecoderInputs() { return decoder.dxs(); }
    }

    /** What {@link #greedyDecode} produced: the tokens and the forward pass that fed them back in. */
    public record Translation(int[] tokens, Result result) {}

    /** The forward pass with given decoder inputs u_1..u_N (each {@code decoder.inputSize() × 1}). */
    public Result forward(List<DMatrixRMaj> xs, List<DMatrixRMaj> decoderInputs) {
        requireSingleColumns(xs, "xs", "x_");
        return decode(encoder.forward(xs), decoderInputs);
    }

    /** The forward pass with teacher forcing: u_t = one-hot of the previous target (of {@code startToken} at t = 1). */
    public Result forward(List<DMatrixRMaj> xs, int[] targets, int startToken) {
        Shapes.notNull(targets, "targets", "the target tokens, one per decoder step");
        return forward(xs, teacherInputs(targets, startToken));
    }

    /** [one-hot(start), one-hot(y_1), ..., one-hot(y_{N−1})]: each step is fed the target before it. */
    public List<DMatrixRMaj> teacherInputs(int[] targets, int startToken) {
        if (targets == null || targets.length == 0)
            throw new IllegalArgumentException("targets is empty: the decoder needs at least one step");
        requireOneHotInputs();
        List<DMatrixRMaj> us = new ArrayList<>(targets.length);
        us.add(oneHot(startToken, "startToken"));
        for (int t = 1; t < targets.length; t++) us.add(oneHot(targets[t - 1], "targets[" + (t - 1) + "]"));
        oneHot(targets[targets.length - 1], "targets[" + (targets.length - 1) + "]");
        return us;
    }

    /** L = Σ_t CE(z_t, y_t). */
    public double loss(Result r, int[] targets) {
        requireTargets(r, targets);
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        double L = 0;
        for (int t = 1; t <= targets.length; t++) L += ce.value(r.logits(t), oneHot(targets[t - 1], "targets[" + (t - 1) + "]"));
        return L;
    }

    /** Backward from L = Σ_t CE(z_t, y_t): ∂L/∂z_t = softmax(z_t) − one-hot(y_t). */
    public Gradients backward(Result r, int[] targets) {
        requireTargets(r, targets);
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        List<DMatrixRMaj> dz = new ArrayList<>(targets.length);
        for (int t = 1; t <= targets.length; t++) dz.add(ce.gradient(r.logits(t), oneHot(targets[t - 1], "targets[" + (t - 1) + "]")));
        return backward(r, dz);
    }

    /**
     * Backward from any ∂L/∂z_t, the path of the forward pass reversed:
     * <pre>
     *   readout:    ∂L/∂W_y += ∂L/∂z_t r_tᵀ,  ∂L/∂r_t = W_yᵀ ∂L/∂z_t, split into ∂L/∂s_t and ∂L/∂c_t
     *   attention:  ∂L/∂c_t gives more ∂L/∂s_t (through the scores) and ∂L/∂h_i (as keys and values)
     *   decoder:    BPTT over s_N..s_1, ending in ∂L/∂s_0
     *   encoder:    BPTT over h_M..h_1, where h_M also receives ∂L/∂s_0 because s_0 = h_M (and an LSTM's c_M the decoder's ∂L/∂c_0)
     * </pre>
     */
    public Gradients backward(Result r, List<DMatrixRMaj> dLdz) {
        Shapes.notNull(r, "r", "the result of this model's forward pass");
        Provenance.require(r.madeBy(), this, parameters(), "r");
        int M = r.sourceLength(), N = r.targetLength(), n = decoder.hiddenSize();
        if (dLdz == null || dLdz.size() != N)
            throw new IllegalArgumentException("dLdz has " + (dLdz == null ? 0 : dLdz.size()) + " steps but the decoder ran " + N);
        Parameters dReadout = readout.parameters().zerosLike();
        List<DMatrixRMaj> dS = new ArrayList<>(N);
        DMatrixRMaj dC = new DMatrixRMaj(n, N);
        for (int t = 1; t <= N; t++) {
            Shapes.require(dLdz.get(t - 1), "dL/dz_" + t, vocabulary(), 1);
            Shapes.finite(dLdz.get(t - 1), "dL/dz_" + t);
            // r_t is this model's own and ∂L/∂z_t was checked just above: the readout's unchecked backward
            DMatrixRMaj dr = readout.accumulate(r.readoutInputs().get(t - 1), dLdz.get(t - 1), dReadout);
            dS.add(CommonOps_DDRM.extract(dr, 0, n, 0, 1));
            if (hasAttention()) CommonOps_DDRM.insert(CommonOps_DDRM.extract(dr, n, 2 * n, 0, 1), dC, 0, t - 1);
        }
        DMatrixRMaj[] dH = new DMatrixRMaj[M];
        if (hasAttention()) {
            ScaledDotProductAttention.Gradients g = attention.backward(r.attention(), dC);
            for (int t = 1; t <= N; t++) CommonOps_DDRM.addEquals(dS.get(t - 1), column(g.dQ(), t));
            for (int i = 1; i <= M; i++) {
                dH[i - 1] = column(g.dK(), i);
                CommonOps_DDRM.addEquals(dH[i - 1], column(g.dV(), i));
            }
        }
        Recurrent.SequenceGradients dec = decoder.backward(r.decoder(), dS);
        // the decoder started from the encoder's final state: what reached s_0 (and an LSTM's c_0) goes on into it
        Recurrent.SequenceGradients enc = encoder.backward(r.encoder(), Arrays.asList(dH), dec);
        Parameters grads = new Parameters().addAll("encoder.", enc.parameters()).addAll("decoder.", dec.parameters())
                .addAll("readout.", dReadout);
        return new Gradients(grads, enc, dec);
    }

    /** Greedy decoding without an end token: exactly {@code length} steps. */
    public Translation greedyDecode(List<DMatrixRMaj> xs, int startToken, int length) {
        return greedyDecode(xs, startToken, -1, length);
    }

    /**
     * Inference: each step's input is the model's own previous choice, y_t = argmax z_t, until
     * {@code endToken} is produced (and kept) or {@code maxLength} steps are done. Each step reruns the
     * decoder over the prefix so far (quadratic in N, which is small here) so that decoding shares
     * every line with the training forward pass; the encoder runs once.
     *
     * @param endToken the token that ends a translation, or −1 for none
     */
    public Translation greedyDecode(List<DMatrixRMaj> xs, int startToken, int endToken, int maxLength) {
        Shapes.positive(maxLength, "maxLength");
        requireSingleColumns(xs, "xs", "x_");
        requireOneHotInputs();
        List<DMatrixRMaj> us = new ArrayList<>(List.of(oneHot(startToken, "startToken")));
        if (endToken != -1) oneHot(endToken, "endToken");
        Recurrent.Run enc = encoder.forward(xs);
        int[] tokens = new int[maxLength];
        for (int t = 1; ; t++) {
            Result r = decode(enc, us);
            tokens[t - 1] = argmax(r.logits(t));
            if (tokens[t - 1] == endToken || t == maxLength) return new Translation(Arrays.copyOf(tokens, t), r);
            us.add(oneHot(tokens[t - 1], "token"));
        }
    }

    private Result decode(Recurrent.Run enc, List<DMatrixRMaj> us) {
        requireSingleColumns(us, "decoderInputs", "u_");
        for (int t = 1; t <= us.size(); t++) {
            Shapes.require(us.get(t - 1), "u_" + t, decoder.inputSize(), 1);
            Shapes.finite(us.get(t - 1), "u_" + t);
        }
        Recurrent.Run dec = decoder.forward(us, enc);
        ScaledDotProductAttention.Result att = null;
        if (hasAttention()) {
            DMatrixRMaj H = stack(enc.hs());
            att = attention.forward(stack(dec.hs()), H, H);
        }
        List<DMatrixRMaj> readIn = new ArrayList<>(dec.length()), logits = new ArrayList<>(dec.length());
        readout.requireFiniteWeights();   // once: each r_t below is the model's own state (and context)
        for (int t = 1; t <= dec.length(); t++) {
            DMatrixRMaj r = dec.h(t);
            if (att != null) {
                r = new DMatrixRMaj(2 * decoder.hiddenSize(), 1);
                CommonOps_DDRM.insert(dec.h(t), r, 0, 0);
                CommonOps_DDRM.insert(column(att.output(), t), r, decoder.hiddenSize(), 0);
            }
            readIn.add(r);
            logits.add(readout.apply(r));
        }
        return new Result(enc, dec, att, List.copyOf(readIn), List.copyOf(logits), Provenance.of(this, parameters()));
    }

    /** The one-hot column of token {@code k}, named {@code name} in the message if it is not a token. */
    private DMatrixRMaj oneHot(int k, String name) {
        if (k < 0 || k >= vocabulary())
            throw new IllegalArgumentException(name + " = " + k + " is not a token: the vocabulary is 0.." + (vocabulary() - 1));
        return SoftmaxCrossEntropy.oneHot(k, vocabulary());
    }

    private void requireOneHotInputs() {
        if (decoder.inputSize() != vocabulary())
            throw new IllegalArgumentException("tokens are fed back as one-hot columns, but the decoder reads "
                    + decoder.inputSize() + " inputs and the vocabulary has " + vocabulary() + " tokens");
    }

    private void requireTargets(Result r, int[] targets) {
        Shapes.notNull(r, "r", "the result of this model's forward pass");
        if (targets == null || targets.length != r.targetLength())
            throw new IllegalArgumentException("targets has " + (targets == null ? 0 : targets.length)
                    + " tokens but the decoder ran " + r.targetLength() + " steps");
    }

    private static void requireSingleColumns(List<DMatrixRMaj> seq, String name, String element) {
        Shapes.nonEmpty(seq, name);
        for (int t = 1; t <= seq.size(); t++)
            if (seq.get(t - 1) != null && seq.get(t - 1).numCols != 1)
                throw new IllegalArgumentException(element + t + " has " + seq.get(t - 1).numCols
                        + " columns: EncoderDecoder reads one sequence at a time, so each step is a single column");
    }

    /** The columns of a list side by side. */
    private static DMatrixRMaj stack(List<DMatrixRMaj> columns) {
        int rows = columns.get(0).numRows, n = columns.size();
        DMatrixRMaj m = new DMatrixRMaj(rows, n);
        for (int j = 0; j < n; j++) {
            double[] column = columns.get(j).data;
            for (int i = 0; i < rows; i++) m.data[i * n + j] = column[i];
        }
        return m;
    }

    /** Column j (1-based) of m. */
    private static DMatrixRMaj column(DMatrixRMaj m, int j) {
        DMatrixRMaj c = new DMatrixRMaj(m.numRows, 1);
        for (int i = 0; i < m.numRows; i++) c.data[i] = m.data[i * m.numCols + j - 1];
        return c;
    }

    private static int argmax(DMatrixRMaj z) {
        int best = 0;
        for (int k = 1; k < z.numRows; k++) if (z.get(k, 0) > z.get(best, 0)) best = k;
        return best;
    }
}
