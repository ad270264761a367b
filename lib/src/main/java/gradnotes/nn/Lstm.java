package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Long short-term memory (Hochreiter and Schmidhuber, 1997, with the forget gate of Gers et al., 2000),
 * as PyTorch and the CO3086 lab write it:
 * <pre>
 *   i_t = σ(W_i x_t + U_i h_{t-1} + b_i)        input gate
 *   f_t = σ(W_f x_t + U_f h_{t-1} + b_f)        forget gate
 *   o_t = σ(W_o x_t + U_o h_{t-1} + b_o)        output gate
 *   c̃_t = tanh(W_c x_t + U_c h_{t-1} + b_c)     candidate cell
 *   c_t = f_t ∘ c_{t-1} + i_t ∘ c̃_t             cell
 *   h_t = o_t ∘ tanh(c_t)                        hidden state
 * </pre>
 * The cell update is additive: ∂c_t/∂c_{t-1} = diag(f_t) along the direct path, with no squashing and
 * no weight matrix. While the forget gate stays near 1 the gradient reaches far back along the cells
 * ({@link #cellPathProduct}); that is the LSTM's answer to vanishing gradients. (The lab's problem 4
 * writes the same equations with row vectors, x_t W_f; those W are the transposes of the ones here.)
 */
public final class Lstm implements Recurrent {
    public final DMatrixRMaj Wi, Ui, bi, Wf, Uf, bf, Wo, Uo, bo, Wc, Uc, bc;

    public Lstm(DMatrixRMaj Wi, DMatrixRMaj Ui, DMatrixRMaj bi, DMatrixRMaj Wf, DMatrixRMaj Uf, DMatrixRMaj bf,
                DMatrixRMaj Wo, DMatrixRMaj Uo, DMatrixRMaj bo, DMatrixRMaj Wc, DMatrixRMaj Uc, DMatrixRMaj bc) {
        Affine.requireFirstGate("i", Wi, Ui);
        int n = Ui.numRows, inputs = Wi.numCols;
        Affine.requireGate("i", Wi, Ui, bi, n, inputs);
        Affine.requireGate("f", Wf, Uf, bf, n, inputs);
        Affine.requireGate("o", Wo, Uo, bo, n, inputs);
        Affine.requireGate("c", Wc, Uc, bc, n, inputs);
        this.Wi = Wi; this.Ui = Ui; this.bi = bi;
        this.Wf = Wf; this.Uf = Uf; this.bf = bf;
        this.Wo = Wo; this.Uo = Uo; this.bo = bo;
        this.Wc = Wc; this.Uc = Uc; this.bc = bc;
    }

    /** Xavier-initialised weights; every forget-gate bias set to {@code forgetBias} (1 is common: remember by default), other biases 0. */
    public static Lstm init(int inputSize, int hiddenSize, double forgetBias, Random rng) {
        Shapes.finite(forgetBias, "forgetBias");
        int n = hiddenSize, m = inputSize;
        DMatrixRMaj bf = Init.constant(n, 1, forgetBias);
        return new Lstm(Init.xavier(n, m, rng), Init.xavier(n, n, rng), new DMatrixRMaj(n, 1),
                Init.xavier(n, m, rng), Init.xavier(n, n, rng), bf,
                Init.xavier(n, m, rng), Init.xavier(n, n, rng), new DMatrixRMaj(n, 1),
                Init.xavier(n, m, rng), Init.xavier(n, n, rng), new DMatrixRMaj(n, 1));
    }

    @Override public int inputSize() { return Wi.numCols; }

    @Override public int hiddenSize() { return Ui.numRows; }

    @Override public Parameters parameters() {
        return new Parameters().add("Wi", Wi).add("Ui", Ui).add("bi", bi).add("Wf", Wf).add("Uf", Uf).add("bf", bf)
                .add("Wo", Wo).add("Uo", Uo).add("bo", bo).add("Wc", Wc).add("Uc", Uc).add("bc", bc);
    }

    /** One step's intermediates. */
    public record Step(DMatrixRMaj x, DMatrixRMaj hPrev, DMatrixRMaj cPrev, DMatrixRMaj i, DMatrixRMaj f, DMatrixRMaj o,
                       DMatrixRMaj cTilde, DMatrixRMaj c, DMatrixRMaj tanhC, DMatrixRMaj h) {}

    /** Every step of a forward pass, with the cells, and the model that made it. */
    public record Run(DMatrixRMaj h0, DMatrixRMaj c0, List<Step> steps, Provenance madeBy) implements Recurrent.Run {
        @Override public int length() { return steps.size(); }

        @Override public List<DMatrixRMaj> hs() { return Unroll.states(steps, Step::h); }

        /** h_t straight from step t, without forming {@link #hs()} (a readout reads every step's). */
        @Override public DMatrixRMaj h(int t) { return step(t).h(); }

        /** c_t for t = 0..T. */
        public DMatrixRMaj c(int t) {
            if (t < 0 || t > length()) throw new IllegalArgumentException("t = " + t + " is outside 0.." + length());
            return t == 0 ? c0 : steps.get(t - 1).c();
        }

        /** The step at time t = 1..T. */
        public Step step(int t) { return steps.get(Shapes.index(t, "t", length()) - 1); }
    }

    /**
     * Gradients after BPTT, with the cell's share.
     *
     * @param dcs ∂L/∂c_t for t = 1..T (total, through every later step)
     */
    public record Gradients(SequenceGradients sequence, List<DMatrixRMaj> dcs) {
        /** ∂L/∂c_0. */
        public DMatrixRMaj dc0() { return sequence.dc0(); }
    }

    /** One step of the six equations above. */
    public Step step(DMatrixRMaj x, DMatrixRMaj hPrev, DMatrixRMaj cPrev) {
        Affine.requireStep(x, hPrev, inputSize());
        return forward(List.of(x), hPrev, cPrev).step(1);
    }

    /** The gates' products, stacked in the order i, f, o, c̃. */
    private GateProducts products() {
        return new GateProducts(parameters(), List.of("Wi", "Wf", "Wo", "Wc"), List.of("Ui", "Uf", "Uo", "Uc"),
                List.of("bi", "bf", "bo", "bc"));
    }

    /**
     * The six equations at step t, given P_t = [W_i; W_f; W_o; W_c] x_t + b and Q = [U_i; U_f; U_o; U_c] h_{t-1}
     * (so W_i x_t + U_i h_{t-1} + b_i is gate 0 of P_t + Q, and so on).
     */
    private Step step(GateProducts p, DMatrixRMaj Pt, DMatrixRMaj Q, DMatrixRMaj x, DMatrixRMaj hPrev, DMatrixRMaj cPrev) {
        DMatrixRMaj i = p.gate(Pt, Q, 0, Activation.SIGMOID);
        DMatrixRMaj f = p.gate(Pt, Q, 1, Activation.SIGMOID);
        DMatrixRMaj o = p.gate(Pt, Q, 2, Activation.SIGMOID);
        DMatrixRMaj cTilde = p.gate(Pt, Q, 3, Activation.TANH);
        DMatrixRMaj c = new DMatrixRMaj(i.numRows, i.numCols);
        for (int k = 0; k < c.data.length; k++) c.data[k] = f.data[k] * cPrev.data[k] + i.data[k] * cTilde.data[k];
        DMatrixRMaj tanhC = Affine.tanh(c);
        DMatrixRMaj h = new DMatrixRMaj(c.numRows, c.numCols);
        for (int k = 0; k < h.data.length; k++) h.data[k] = o.data[k] * tanhC.data[k];
        return new Step(x, hPrev, cPrev, i, f, o, cTilde, c, tanhC, h);
    }

    @Override public Run forward(List<DMatrixRMaj> xs) {
        int batch = Unroll.batchOf(xs, inputSize());
        return forward(xs, new DMatrixRMaj(hiddenSize(), batch), new DMatrixRMaj(hiddenSize(), batch));
    }

    /** Continues from the last h and c of {@code previous} (which must be an LSTM run). */
    @Override public Run forward(List<DMatrixRMaj> xs, Recurrent.Run previous) {
        DMatrixRMaj h = Unroll.finalState(previous, hiddenSize());
        if (!(previous instanceof Run p)) throw new IllegalArgumentException("an LSTM continues from an LSTM run, got " + previous.getClass().getName());
        return forward(xs, h, p.c(p.length()));
    }

    /** Runs the sequence from given h_0 and c_0 ({@code hiddenSize × B} each). */
    public Run forward(List<DMatrixRMaj> xs, DMatrixRMaj h0, DMatrixRMaj c0) {
        Parameters weights = parameters();
        Unroll.checkInputs(xs, h0, weights, inputSize(), hiddenSize());
        Shapes.require(c0, "c0", hiddenSize(), h0.numCols);
        Shapes.finite(c0, "c0");
        GateProducts p = products();
        DMatrixRMaj P = p.inputTerms(xs);
        List<Step> steps = new ArrayList<>(xs.size());
        DMatrixRMaj h = h0, c = c0;
        for (int t = 1; t <= xs.size(); t++) {
            Step s = step(p, p.inputTerm(P, t, h0.numCols), p.recurrentTerms(h), xs.get(t - 1), h, c);
            steps.add(s);
            h = s.h();
            c = s.c();
        }
        return new Run(h0, c0, List.copyOf(steps), Provenance.of(this, weights));
    }

    @Override public SequenceGradients backward(Recurrent.Run run, List<DMatrixRMaj> dLdh) {
        return backwardWithCells(own(run), dLdh).sequence();
    }

    /** As {@link Recurrent#backward(Recurrent.Run, List, SequenceGradients)}, carrying the later run's ∂L/∂c_0 into c_T. */
    @Override public SequenceGradients backward(Recurrent.Run run, List<DMatrixRMaj> dLdh, SequenceGradients later) {
        Shapes.notNull(later, "later", "the gradients of the run that continued from this one");
        return backwardWithCells(own(run), Unroll.withFinalStateGradient(run, dLdh, later.dh0(), hiddenSize()), later.dc0()).sequence();
    }

    private static Run own(Recurrent.Run run) {
        Shapes.notNull(run, "run", "the run of this model's forward pass");
        if (run instanceof Run r) return r;
        throw new IllegalArgumentException("an LSTM backpropagates through its own run, got " + run.getClass().getName());
    }

    /**
     * BPTT through both states. With δh = ∂L/∂h_t and δc = ∂L/∂c_t arriving from step t+1:
     * <pre>
     *   ∂L/∂o = δh ∘ tanh(c_t)
     *   ∂L/∂c_t = δc + δh ∘ o ∘ (1 − tanh²(c_t))
     *   ∂L/∂f = ∂L/∂c_t ∘ c_{t-1},  ∂L/∂i = ∂L/∂c_t ∘ c̃,  ∂L/∂c̃ = ∂L/∂c_t ∘ i,  ∂L/∂c_{t-1} = ∂L/∂c_t ∘ f
     * </pre>
     * then through σ' (gates) or tanh' (candidate) into each W, U, b, into x_t and into h_{t-1}.
     */
    public Gradients backwardWithCells(Run r, List<DMatrixRMaj> dLdh) {
        return backwardWithCells(r, dLdh, null);
    }

    /**
     * What anything that reads a run back needs: a run this LSTM made with its current weights; anything
     * else (null, another model's run, a run made before an update) is an IllegalArgumentException that
     * says which.
     */
    public Run requireOwnRun(Run run) {
        Shapes.notNull(run, "run", "the run of this model's forward pass");
        Provenance.require(run.madeBy(), this, parameters(), "run");
        return run;
    }

    /**
     * BPTT as above, with ∂L/∂c_T arriving from after the run ({@code dcT}: a later run that continued from
     * this one's cell; {@code null} for none).
     */
    public Gradients backwardWithCells(Run r, List<DMatrixRMaj> dLdh, DMatrixRMaj dcT) {
        requireOwnRun(r);
        int T = r.length(), n = hiddenSize(), batch = r.h0().numCols, nb = n * batch;
        Unroll.checkGradients(dLdh, T, n, batch);
        GateProducts p = products();
        // ∂L/∂a for every step, step-stacked, a = [a_i; a_f; a_o; a_c] the gates' pre-activations
        DMatrixRMaj dA = new DMatrixRMaj(T * batch, 4 * n);
        DMatrixRMaj[] dhs = new DMatrixRMaj[T], dcs = new DMatrixRMaj[T];
        DMatrixRMaj hFromFuture = new DMatrixRMaj(n, batch), cFromFuture = new DMatrixRMaj(n, batch);
        if (dcT != null) {
            Shapes.require(dcT, "dL/dc_" + T, n, batch);
            Shapes.finite(dcT, "dL/dc_" + T);
            cFromFuture.setTo(dcT);
        }
        DMatrixRMaj da = new DMatrixRMaj(4 * n, batch);   // this step's ∂L/∂a, overwritten each step
        for (int t = T; t >= 1; t--) {
            Step s = r.step(t);
            DMatrixRMaj dh = hFromFuture.copy();
            if (dLdh.get(t - 1) != null) CommonOps_DDRM.addEquals(dh, dLdh.get(t - 1));
            dhs[t - 1] = dh;
            DMatrixRMaj dc = new DMatrixRMaj(n, batch), dcPrev = new DMatrixRMaj(n, batch);
            int I = 0, F = nb, O = 2 * nb, C = 3 * nb;
            for (int k = 0; k < nb; k++) {
                double o = s.o().data[k], tc = s.tanhC().data[k], i = s.i().data[k], f = s.f().data[k], ct = s.cTilde().data[k];
                double dck = cFromFuture.data[k] + dh.data[k] * o * (1 - tc * tc);
                dc.data[k] = dck;
                da.data[I + k] = dck * ct * i * (1 - i);
                da.data[F + k] = dck * s.cPrev().data[k] * f * (1 - f);
                da.data[O + k] = dh.data[k] * tc * o * (1 - o);
                da.data[C + k] = dck * i * (1 - ct * ct);
                dcPrev.data[k] = dck * f;
            }
            dcs[t - 1] = dc;
            DMatrixRMaj dhPrev = new DMatrixRMaj(n, batch);
            p.backIntoState(da, dhPrev);
            GateProducts.putStep(dA, t, da);
            hFromFuture = dhPrev;
            cFromFuture = dcPrev;
        }
        Parameters g = parameters().zerosLike();
        List<DMatrixRMaj> dxs = p.finish(dA, dA, Unroll.states(r.steps(), Step::x), Unroll.states(r.steps(), Step::hPrev), g);
        return new Gradients(new SequenceGradients(g, dxs, List.of(dhs), hFromFuture, cFromFuture), List.of(dcs));
    }

    /**
     * ∂c_T/∂c_t along the direct cell path only, Π_{s=t+1..T} f_s (one entry per unit, first sequence
     * of the batch): how much of c_t survives to c_T through the forget gates alone.
     */
    public DMatrixRMaj cellPathProduct(Run run, int t) {
        Shapes.notNull(run, "run", "an LSTM run");
        if (run.h0().numRows != hiddenSize())
            throw new IllegalArgumentException("run has a state of " + run.h0().numRows + " rows, this LSTM's has " + hiddenSize());
        if (t < 0 || t > run.length()) throw new IllegalArgumentException("t must be in 0.." + run.length() + ", got " + t);
        int n = hiddenSize();
        DMatrixRMaj p = Init.constant(n, 1, 1.0);
        for (int s = t + 1; s <= run.length(); s++)
            for (int k = 0; k < n; k++) p.data[k] *= run.step(s).f().get(k, 0);
        return p;
    }
}
