package gradnotes.nn;

import gradnotes.linalg.MatMul;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.List;
import java.util.Random;

/**
 * Gated recurrent unit, in the convention of Chung et al. (2014), which the CO3086 lab also uses:
 * <pre>
 *   z_t  = σ(W_z x_t + U_z h_{t-1} + b_z)              update gate
 *   r_t  = σ(W_r x_t + U_r h_{t-1} + b_r)              reset gate
 *   ĥ_t  = tanh(W x_t + r_t ∘ (U h_{t-1}) + b)         candidate state
 *   h_t  = (1 − z_t) ∘ h_{t-1} + z_t ∘ ĥ_t
 * </pre>
 * z_t near 0 keeps the old state, z_t near 1 replaces it by the candidate. The state update is a
 * convex mix rather than a fresh squashing, so ∂h_t/∂h_{t-1} contains the term diag(1 − z_t): with the
 * update gate shut the gradient passes back nearly unchanged.
 *
 * <p>Other conventions, and how they map to this one:
 * <ul>
 *   <li>Cho et al. (2014) and Goodfellow et al. (§10.10.2) write h_t = z_t ∘ h_{t-1} + (1 − z_t) ∘ ĥ_t:
 *       the update gate's role is flipped, z = 1 − z here, so their z-weights and bias are the negatives of
 *       W_z, U_z, b_z (1 − σ(a) = σ(−a)).</li>
 *   <li>Reset before the matrix, ĥ_t = tanh(W x_t + U (r_t ∘ h_{t-1})) (Cho et al. 2014's alternative
 *       form): a different model, not a reparametrisation; here the reset scales U h_{t-1}.</li>
 *   <li>PyTorch's {@code nn.GRU}: n_t = tanh(W_in x_t + b_in + r_t ∘ (W_hn h_{t-1} + b_hn)) and
 *       h_t = (1 − z'_t) ∘ n_t + z'_t ∘ h_{t-1}: its reset placement is this one (with b_hn = 0), but its
 *       update gate sits on the other side, z' = 1 − z; since 1 − σ(a) = σ(−a), PyTorch's z-weights and
 *       bias are the negatives of W_z, U_z, b_z.</li>
 * </ul>
 * Biases are optional in the lab (it has none); they default to zero here.
 */
public final class Gru implements Recurrent {
    public final DMatrixRMaj Wz, Uz, bz, Wr, Ur, br, W, U, b;

    public Gru(DMatrixRMaj Wz, DMatrixRMaj Uz, DMatrixRMaj bz,
               DMatrixRMaj Wr, DMatrixRMaj Ur, DMatrixRMaj br,
               DMatrixRMaj W, DMatrixRMaj U, DMatrixRMaj b) {
        Affine.requireFirstGate("z", Wz, Uz);
        int n = Uz.numRows, inputs = Wz.numCols;
        Affine.requireGate("z", Wz, Uz, bz, n, inputs);
        Affine.requireGate("r", Wr, Ur, br, n, inputs);
        Affine.requireGate("", W, U, b, n, inputs);
        this.Wz = Wz; this.Uz = Uz; this.bz = bz;
        this.Wr = Wr; this.Ur = Ur; this.br = br;
        this.W = W; this.U = U; this.b = b;
    }

    /** Xavier-initialised weights, zero biases. */
    public static Gru init(int inputSize, int hiddenSize, Random rng) {
        int n = hiddenSize, m = inputSize;
        return new Gru(Init.xavier(n, m, rng), Init.xavier(n, n, rng), new DMatrixRMaj(n, 1),
                Init.xavier(n, m, rng), Init.xavier(n, n, rng), new DMatrixRMaj(n, 1),
                Init.xavier(n, m, rng), Init.xavier(n, n, rng), new DMatrixRMaj(n, 1));
    }

    @Override public int inputSize() { return Wz.numCols; }

    @Override public int hiddenSize() { return Uz.numRows; }

    @Override public Parameters parameters() {
        return new Parameters().add("Wz", Wz).add("Uz", Uz).add("bz", bz)
                .add("Wr", Wr).add("Ur", Ur).add("br", br)
                .add("W", W).add("U", U).add("b", b);
    }

    /** One step's intermediates: the gates, U h_{t-1}, the candidate and the new state. */
    public record Step(DMatrixRMaj x, DMatrixRMaj hPrev, DMatrixRMaj z, DMatrixRMaj r,
                       DMatrixRMaj Uh, DMatrixRMaj hHat, DMatrixRMaj h) {}

    /** Every step of a forward pass, and the model that made it. */
    public record Run(DMatrixRMaj h0, List<Step> steps, Provenance madeBy) implements Recurrent.Run {
        @Override public int length() { return steps.size(); }

        @Override public List<DMatrixRMaj> hs() { return Unroll.states(steps, Step::h); }

        /** h_t straight from step t, without forming {@link #hs()} (a readout reads every step's). */
        @Override public DMatrixRMaj h(int t) { return step(t).h(); }

        /** The step at time t = 1..T. */
        public Step step(int t) { return steps.get(Shapes.index(t, "t", length()) - 1); }
    }

    /**
     * What anything that reads a run back needs: a run this GRU made with its current weights; anything
     * else (null, a run made before an update) is an IllegalArgumentException that says which.
     */
    public Run requireOwnRun(Run run) {
        Shapes.notNull(run, "run", "the run of this model's forward pass");
        Provenance.require(run.madeBy(), this, parameters(), "run");
        return run;
    }

    /** One step of the four equations above. */
    public Step step(DMatrixRMaj x, DMatrixRMaj hPrev) {
        Affine.requireStep(x, hPrev, inputSize());
        return forward(List.of(x), hPrev).step(1);
    }

    /** The gates' products, stacked in the order z, r, ĥ. */
    private GateProducts products() {
        return new GateProducts(parameters(), List.of("Wz", "Wr", "W"), List.of("Uz", "Ur", "U"), List.of("bz", "br", "b"));
    }

    /**
     * The four equations at step t, given P_t = [W_z; W_r; W] x_t + b and Q = [U_z; U_r; U] h_{t-1}: the gates
     * take P_t + Q, the candidate takes P_t plus r ∘ (its part of Q).
     */
    private Step step(GateProducts p, DMatrixRMaj Pt, DMatrixRMaj Q, DMatrixRMaj x, DMatrixRMaj hPrev) {
        DMatrixRMaj z = p.gate(Pt, Q, 0, Activation.SIGMOID);
        DMatrixRMaj r = p.gate(Pt, Q, 1, Activation.SIGMOID);
        DMatrixRMaj Uh = p.gate(Q, 2), Wxb = p.gate(Pt, 2);
        DMatrixRMaj a = new DMatrixRMaj(z.numRows, z.numCols);
        for (int i = 0; i < a.data.length; i++) a.data[i] = Wxb.data[i] + r.data[i] * Uh.data[i];
        DMatrixRMaj hHat = Affine.tanh(a);
        DMatrixRMaj h = new DMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < h.data.length; i++) h.data[i] = (1 - z.data[i]) * hPrev.data[i] + z.data[i] * hHat.data[i];
        return new Step(x, hPrev, z, r, Uh, hHat, h);
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

    /**
     * BPTT. With δ = ∂L/∂h_t (from the output at t and from step t+1):
     * <pre>
     *   ∂L/∂ĥ = δ ∘ z,   ∂L/∂z = δ ∘ (ĥ − h_{t-1}),   ∂L/∂h_{t-1} ⊇ δ ∘ (1 − z)
     *   ∂L/∂a_ĥ = ∂L/∂ĥ ∘ (1 − ĥ²);  ∂L/∂r = ∂L/∂a_ĥ ∘ (U h_{t-1});  ∂L/∂(U h_{t-1}) = ∂L/∂a_ĥ ∘ r
     *   ∂L/∂a_z = ∂L/∂z ∘ z(1 − z);  ∂L/∂a_r = ∂L/∂r ∘ r(1 − r)
     * </pre>
     * and each pre-activation passes its gradient to its W, U, b, to x_t and to h_{t-1}.
     */
    @Override public SequenceGradients backward(Recurrent.Run run, List<DMatrixRMaj> dLdh) {
        Shapes.notNull(run, "run", "the run of this model's forward pass");
        if (!(run instanceof Run r))
            throw new IllegalArgumentException("a GRU backpropagates through its own run, got " + run.getClass().getName());
        Provenance.require(r.madeBy(), this, parameters(), "run");
        int T = r.length(), n = hiddenSize(), batch = r.h0().numCols;
        Unroll.checkGradients(dLdh, T, n, batch);
        GateProducts p = products();
        // for every step, step-stacked: ∂L/∂P = [∂L/∂a_z; ∂L/∂a_r; ∂L/∂a_ĥ], ∂L/∂Q = [∂L/∂a_z; ∂L/∂a_r; ∂L/∂(U h_{t-1})]
        DMatrixRMaj dP = new DMatrixRMaj(T * batch, 3 * n), dQ = new DMatrixRMaj(T * batch, 3 * n);
        DMatrixRMaj[] dhs = new DMatrixRMaj[T];
        DMatrixRMaj fromFuture = new DMatrixRMaj(n, batch);
        int nb = n * batch, Z = 0, R = nb, HAT = 2 * nb;
        DMatrixRMaj dPt = new DMatrixRMaj(3 * n, batch), dQt = new DMatrixRMaj(3 * n, batch);   // this step's, overwritten each step
        for (int t = T; t >= 1; t--) {
            Step s = r.step(t);
            DMatrixRMaj dh = fromFuture.copy();
            if (dLdh.get(t - 1) != null) CommonOps_DDRM.addEquals(dh, dLdh.get(t - 1));
            dhs[t - 1] = dh;
            DMatrixRMaj dhPrev = new DMatrixRMaj(n, batch);
            for (int i = 0; i < nb; i++) {
                double d = dh.data[i], z = s.z().data[i], rr = s.r().data[i], hHat = s.hHat().data[i];
                double daHat = d * z * (1 - hHat * hHat);
                double daZ = d * (hHat - s.hPrev().data[i]) * z * (1 - z);
                double daR = daHat * s.Uh().data[i] * rr * (1 - rr);
                dPt.data[Z + i] = dQt.data[Z + i] = daZ;
                dPt.data[R + i] = dQt.data[R + i] = daR;
                dPt.data[HAT + i] = daHat;
                dQt.data[HAT + i] = daHat * rr;
                dhPrev.data[i] = d * (1 - z);
            }
            p.backIntoState(dQt, dhPrev);
            GateProducts.putStep(dP, t, dPt);
            GateProducts.putStep(dQ, t, dQt);
            fromFuture = dhPrev;
        }
        Parameters g = parameters().zerosLike();
        List<DMatrixRMaj> dxs = p.finish(dP, dQ, Unroll.states(r.steps(), Step::x), Unroll.states(r.steps(), Step::hPrev), g);
        return new SequenceGradients(g, dxs, List.of(dhs), fromFuture);
    }
}
