package gradnotes.nn;

import gradnotes.linalg.MatMul;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.List;
import java.util.Random;

/**
 * The vanilla (Elman) RNN:
 * <pre>
 *   a_t = W_x x_t + W_h h_{t-1} + b
 *   h_t = f(a_t)                      f = tanh, ReLU or identity
 * </pre>
 * Its step Jacobian is {@code ∂h_t/∂h_{t-1} = diag(f'(a_t)) W_h}; backpropagating T steps
 * multiplies T of them, which is why gradients vanish or explode with the spectral radius of W_h.
 * An output layer, when wanted, is a {@link Linear} applied to each h_t.
 */
public final class VanillaRnn implements Recurrent {
    public final DMatrixRMaj Wx, Wh, b;
    public final Activation f;

    public VanillaRnn(DMatrixRMaj Wx, DMatrixRMaj Wh, DMatrixRMaj b, Activation f) {
        Affine.requireFirstGate("x", Wx, Wh);
        int n = Wh.numRows;
        Shapes.require(Wh, "Wh", n, n);
        if (Wx.numRows != n)
            throw new IllegalArgumentException("Wx is " + Shapes.of(Wx) + " but Wh is " + Shapes.of(Wh) + ": both need " + n + " rows");
        Shapes.require(b, "b", n, 1);
        this.Wx = Shapes.finite(Wx, "Wx");
        this.Wh = Shapes.finite(Wh, "Wh");
        this.b = Shapes.finite(b, "b");
        if (f == null) throw new IllegalArgumentException("activation f is null, expected an Activation such as TANH");
        this.f = f;
    }

    /** Xavier-initialised W_x and W_h, zero bias. */
    public static VanillaRnn init(int inputSize, int hiddenSize, Activation f, Random rng) {
        return new VanillaRnn(Init.xavier(hiddenSize, inputSize, rng), Init.xavier(hiddenSize, hiddenSize, rng),
                new DMatrixRMaj(hiddenSize, 1), f);
    }

    @Override public int inputSize() { return Wx.numCols; }

    @Override public int hiddenSize() { return Wh.numRows; }

    @Override public Parameters parameters() { return new Parameters().add("Wx", Wx).add("Wh", Wh).add("b", b); }

    /** What one step computed: its input, the state it started from, a_t and h_t. */
    public record Step(DMatrixRMaj x, DMatrixRMaj hPrev, DMatrixRMaj a, DMatrixRMaj h) {}

    /** Every step of a forward pass, and the model that made it. */
    public record Run(DMatrixRMaj h0, List<Step> steps, Provenance madeBy) implements Recurrent.Run {
        @Override public int length() { return steps.size(); }

        @Override public List<DMatrixRMaj> hs() { return Unroll.states(steps, Step::h); }

        /** h_t straight from step t, without forming {@link #hs()} (a readout reads every step's). */
        @Override public DMatrixRMaj h(int t) { return steps.get(Shapes.index(t, "t", length()) - 1).h(); }

        /** a_t for t = 1..T. */
        public DMatrixRMaj a(int t) { return steps.get(Shapes.index(t, "t", length()) - 1).a(); }
    }

    /** One step: a_t = W_x x_t + W_h h_{t-1} + b, h_t = f(a_t). */
    public Step step(DMatrixRMaj x, DMatrixRMaj hPrev) {
        Affine.requireStep(x, hPrev, inputSize());
        return forward(List.of(x), hPrev).steps().get(0);
    }

    /** The one product W_x x_t + b for all steps at once, and W_h h_{t-1} per step. */
    private GateProducts products() {
        return new GateProducts(parameters(), List.of("Wx"), List.of("Wh"), List.of("b"));
    }

    /** Step t from P_t = W_x x_t + b and Q = W_h h_{t-1}. */
    private Step step(GateProducts p, DMatrixRMaj Pt, DMatrixRMaj Q, DMatrixRMaj x, DMatrixRMaj hPrev) {
        DMatrixRMaj a = p.gate(Pt, Q, 0, Activation.IDENTITY);
        DMatrixRMaj h = new DMatrixRMaj(a.numRows, a.numCols);
        f.apply(a, h);
        return new Step(x, hPrev, a, h);
    }

    @Override public Run forward(List<DMatrixRMaj> xs) {
        return forward(xs, new DMatrixRMaj(hiddenSize(), Unroll.batchOf(xs, inputSize())));
    }

    @Override public Run forward(List<DMatrixRMaj> xs, Recurrent.Run previous) {
        return forward(xs, Unroll.finalState(previous, hiddenSize()));
    }

    /** Runs the sequence from a given h_0 ({@code hiddenSize × B}). */
    public Run forward(List<DMatrixRMaj> xs, DMatrixRMaj h0) {
        Parameters weights = parameters();
        Unroll.checkInputs(xs, h0, weights, inputSize(), hiddenSize());
        GateProducts p = products();
        DMatrixRMaj P = p.inputTerms(xs);
        return new Run(h0, Unroll.steps(xs, h0,
                (t, x, hPrev) -> step(p, p.inputTerm(P, t, h0.numCols), p.recurrentTerms(hPrev), x, hPrev), Step::h),
                Provenance.of(this, weights));
    }

    /** {@code run} as this model's own current run, or the reason it is not. */
    private Run own(Recurrent.Run run) {
        Shapes.notNull(run, "run", "the run of this model's forward pass");
        if (!(run instanceof Run r))
            throw new IllegalArgumentException("a vanilla RNN backpropagates through its own run, got " + run.getClass().getName());
        Provenance.require(r.madeBy(), this, parameters(), "run");
        return r;
    }

    /**
     * BPTT, last step first:
     * <pre>
     *   ∂L/∂h_t = (dL/dh_t from the output at t) + W_hᵀ ∂L/∂a_{t+1}
     *   ∂L/∂a_t = ∂L/∂h_t ∘ f'(a_t)
     *   ∂L/∂W_x += ∂L/∂a_t x_tᵀ,  ∂L/∂W_h += ∂L/∂a_t h_{t-1}ᵀ,  ∂L/∂b += ∂L/∂a_t,  ∂L/∂x_t = W_xᵀ ∂L/∂a_t
     * </pre>
     */
    @Override public SequenceGradients backward(Recurrent.Run run, List<DMatrixRMaj> dLdh) {
        Run r = own(run);
        int T = r.length(), n = hiddenSize(), batch = r.h0().numCols;
        Unroll.checkGradients(dLdh, T, n, batch);
        GateProducts p = products();
        DMatrixRMaj dA = new DMatrixRMaj(T * batch, n);   // ∂L/∂a_t for every step, step-stacked
        DMatrixRMaj[] dhs = new DMatrixRMaj[T];
        DMatrixRMaj fromFuture = new DMatrixRMaj(n, batch), da = new DMatrixRMaj(n, batch);
        for (int t = T; t >= 1; t--) {
            Step s = r.steps().get(t - 1);
            DMatrixRMaj dh = fromFuture.copy();
            if (dLdh.get(t - 1) != null) CommonOps_DDRM.addEquals(dh, dLdh.get(t - 1));
            dhs[t - 1] = dh;
            for (int i = 0; i < da.data.length; i++)
                da.data[i] = dh.data[i] * f.derivativeFromOutput(s.a().data[i], s.h().data[i]);
            fromFuture = new DMatrixRMaj(n, batch);
            p.backIntoState(da, fromFuture);
            GateProducts.putStep(dA, t, da);
        }
        Parameters grads = parameters().zerosLike();
        List<DMatrixRMaj> dxs = p.finish(dA, dA, Unroll.states(r.steps(), Step::x), Unroll.states(r.steps(), Step::hPrev), grads);
        return new SequenceGradients(grads, dxs, List.of(dhs), fromFuture);
    }

    /** ∂h_t/∂h_{t-1} = diag(f'(a_t)) W_h for the first sequence of the batch ({@code hiddenSize × hiddenSize}). */
    public DMatrixRMaj stepJacobian(Run run, int t) {
        Step s = own(run).steps().get(Shapes.index(t, "t", run.length()) - 1);
        DMatrixRMaj J = Wh.copy();
        for (int i = 0; i < J.numRows; i++) {
            double d = f.derivativeFromOutput(s.a().unsafe_get(i, 0), s.h().unsafe_get(i, 0));
            for (int k = 0; k < J.numCols; k++) J.unsafe_set(i, k, J.unsafe_get(i, k) * d);
        }
        return J;
    }
}
