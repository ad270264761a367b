package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.List;
import java.util.Random;

/**
 * Gated recurrent unit, in the convention of the CO3086 lab:
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

    /** Every step of a forward pass. */
    public record Run(DMatrixRMaj h0, List<Step> steps) implements Recurrent.Run {
        @Override public int length() { return steps.size(); }

        @Override public List<DMatrixRMaj> hs() { return Unroll.states(steps, Step::h); }

        /** The step at time t = 1..T. */
        public Step step(int t) { return steps.get(t - 1); }
    }

    /** One step of the four equations above. */
    public Step step(DMatrixRMaj x, DMatrixRMaj hPrev) {
        DMatrixRMaj z = Affine.sigmoid(Affine.of(Wz, x, Uz, hPrev, bz));
        DMatrixRMaj r = Affine.sigmoid(Affine.of(Wr, x, Ur, hPrev, br));
        DMatrixRMaj Uh = new DMatrixRMaj(hiddenSize(), x.numCols);
        CommonOps_DDRM.mult(U, hPrev, Uh);
        DMatrixRMaj a = Affine.of(W, x, null, null, b);
        for (int i = 0; i < a.data.length; i++) a.data[i] += r.data[i] * Uh.data[i];
        DMatrixRMaj hHat = Affine.tanh(a);
        DMatrixRMaj h = new DMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < h.data.length; i++) h.data[i] = (1 - z.data[i]) * hPrev.data[i] + z.data[i] * hHat.data[i];
        return new Step(x, hPrev, z, r, Uh, hHat, h);
    }

    @Override public Run forward(List<DMatrixRMaj> xs) {
        Shapes.nonEmpty(xs, "xs");
        return forward(xs, new DMatrixRMaj(hiddenSize(), xs.get(0).numCols));
    }

    @Override public Run forward(List<DMatrixRMaj> xs, Recurrent.Run previous) {
        return forward(xs, previous.hs().get(previous.length() - 1));
    }

    /** Runs the sequence from a given h_0 ({@code hiddenSize × B}). */
    public Run forward(List<DMatrixRMaj> xs, DMatrixRMaj h0) {
        return new Run(h0, Unroll.steps(xs, h0, inputSize(), hiddenSize(), this::step, Step::h));
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
        if (!(run instanceof Run r))
            throw new IllegalArgumentException("a GRU backpropagates through its own run, got " + run.getClass().getName());
        int T = r.length(), n = hiddenSize(), batch = r.h0().numCols;
        if (dLdh.size() != T) throw new IllegalArgumentException("dLdh has " + dLdh.size() + " steps but the run has " + T);
        Parameters g = parameters().zerosLike();
        DMatrixRMaj[] dxs = new DMatrixRMaj[T], dhs = new DMatrixRMaj[T];
        DMatrixRMaj fromFuture = new DMatrixRMaj(n, batch);
        for (int t = T; t >= 1; t--) {
            Step s = r.step(t);
            DMatrixRMaj dh = fromFuture.copy();
            if (dLdh.get(t - 1) != null) {
                Shapes.require(dLdh.get(t - 1), "dL/dh_" + t, n, batch);
                CommonOps_DDRM.addEquals(dh, dLdh.get(t - 1));
            }
            dhs[t - 1] = dh;
            DMatrixRMaj daHat = new DMatrixRMaj(n, batch), daZ = new DMatrixRMaj(n, batch),
                    daR = new DMatrixRMaj(n, batch), dUh = new DMatrixRMaj(n, batch), dhPrev = new DMatrixRMaj(n, batch);
            for (int i = 0; i < dh.data.length; i++) {
                double d = dh.data[i], z = s.z().data[i], rr = s.r().data[i], hHat = s.hHat().data[i];
                double dHat = d * z;
                daHat.data[i] = dHat * (1 - hHat * hHat);
                daZ.data[i] = d * (hHat - s.hPrev().data[i]) * z * (1 - z);
                daR.data[i] = daHat.data[i] * s.Uh().data[i] * rr * (1 - rr);
                dUh.data[i] = daHat.data[i] * rr;
                dhPrev.data[i] = d * (1 - z);
            }
            DMatrixRMaj dx = new DMatrixRMaj(inputSize(), batch);
            Affine.accumulate(daZ, s.x(), s.hPrev(), g.get("Wz"), g.get("Uz"), g.get("bz"));
            Affine.accumulate(daR, s.x(), s.hPrev(), g.get("Wr"), g.get("Ur"), g.get("br"));
            Affine.accumulate(daHat, s.x(), null, g.get("W"), null, g.get("b"));
            CommonOps_DDRM.multAddTransB(dUh, s.hPrev(), g.get("U"));
            Affine.backInto(Wz, daZ, dx);
            Affine.backInto(Wr, daR, dx);
            Affine.backInto(W, daHat, dx);
            Affine.backInto(Uz, daZ, dhPrev);
            Affine.backInto(Ur, daR, dhPrev);
            Affine.backInto(U, dUh, dhPrev);
            dxs[t - 1] = dx;
            fromFuture = dhPrev;
        }
        return new SequenceGradients(g, List.of(dxs), List.of(dhs), fromFuture);
    }
}
