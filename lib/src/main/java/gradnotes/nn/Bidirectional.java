package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A bidirectional recurrent network: one recurrence reads x_1 … x_T, a second, with its own weights,
 * reads x_T … x_1, and the state at position t is the two side by side,
 * <pre>
 *   h_t = [ →h_t ; ←h_t ],   →h_t = f(→h_{t-1}, x_t),   ←h_t = g(←h_{t+1}, x_t).
 * </pre>
 * So h_t depends on the whole sequence, before and after t; the price is that the whole sequence must
 * be known before any state can be computed. Parameters are named "forward.…" and "backward.…".
 */
public final class Bidirectional implements Recurrent {
    public final Recurrent forward, backward;

    public Bidirectional(Recurrent forward, Recurrent backward) {
        Shapes.notNull(forward, "forward", "a Recurrent model");
        Shapes.notNull(backward, "backward", "a Recurrent model");
        if (forward.inputSize() != backward.inputSize())
            throw new IllegalArgumentException("the forward recurrence reads " + forward.inputSize()
                    + " inputs per step, the backward one " + backward.inputSize());
        this.forward = forward;
        this.backward = backward;
    }

    @Override public int inputSize() { return forward.inputSize(); }

    @Override public int hiddenSize() { return forward.hiddenSize() + backward.hiddenSize(); }

    @Override public Parameters parameters() {
        return new Parameters().addAll("forward.", forward.parameters()).addAll("backward.", backward.parameters());
    }

    /** Both directions' runs; {@code hs()} stacks them position by position. */
    public record Run(Recurrent.Run forwardRun, Recurrent.Run backwardRun, List<DMatrixRMaj> hs, Provenance madeBy)
            implements Recurrent.Run {
        @Override public int length() { return hs.size(); }

        @Override public DMatrixRMaj h0() { return stack(forwardRun.h0(), backwardRun.h0()); }
    }

    @Override public Run forward(List<DMatrixRMaj> xs) {
        Shapes.nonEmpty(xs, "xs");
        List<DMatrixRMaj> reversed = new ArrayList<>(xs);
        Collections.reverse(reversed);
        Recurrent.Run f = forward.forward(xs), b = backward.forward(reversed);
        int T = xs.size();
        List<DMatrixRMaj> hs = new ArrayList<>(T);
        for (int t = 1; t <= T; t++) hs.add(stack(f.h(t), b.h(T + 1 - t)));
        return new Run(f, b, List.copyOf(hs), Provenance.of(this, parameters()));
    }

    /**
     * What anything that reads a run back needs: a run this network made with its current weights;
     * anything else (null, another network's run, a run made before an update) is an
     * IllegalArgumentException naming {@code run}.
     */
    public Run requireOwnRun(Run run) {
        Shapes.notNull(run, "run", "the run of this network's forward pass");
        Provenance.require(run.madeBy(), this, parameters(), "run");
        return run;
    }

    /** Not possible: the backward direction needs the end of the sequence before it can start. */
    @Override public Run forward(List<DMatrixRMaj> xs, Recurrent.Run previous) {
        throw new IllegalArgumentException("a bidirectional network reads a whole sequence at once; it cannot continue a previous run");
    }

    @Override public SequenceGradients backward(Recurrent.Run run, List<DMatrixRMaj> dLdh) {
        Shapes.notNull(run, "run", "the run of this model's forward pass");
        if (!(run instanceof Run r))
            throw new IllegalArgumentException("a bidirectional network backpropagates through its own run, got " + run.getClass().getName());
        Provenance.require(r.madeBy(), this, parameters(), "run");
        int T = r.length(), nf = forward.hiddenSize(), nb = backward.hiddenSize();
        Unroll.checkGradients(dLdh, T, nf + nb, r.hs().get(0).numCols);
        List<DMatrixRMaj> dF = new ArrayList<>(Collections.nCopies(T, null)), dB = new ArrayList<>(Collections.nCopies(T, null));
        for (int t = 1; t <= T; t++) {
            DMatrixRMaj d = dLdh.get(t - 1);
            if (d == null) continue;
            dF.set(t - 1, CommonOps_DDRM.extract(d, 0, nf, 0, d.numCols));
            dB.set(T - t, CommonOps_DDRM.extract(d, nf, nf + nb, 0, d.numCols));
        }
        SequenceGradients gf = forward.backward(r.forwardRun(), dF), gb = backward.backward(r.backwardRun(), dB);
        List<DMatrixRMaj> dxs = new ArrayList<>(T), dhs = new ArrayList<>(T);
        for (int t = 1; t <= T; t++) {
            DMatrixRMaj dx = gf.dxs().get(t - 1).copy();
            CommonOps_DDRM.addEquals(dx, gb.dxs().get(T - t));
            dxs.add(dx);
            dhs.add(stack(gf.dhs().get(t - 1), gb.dhs().get(T - t)));
        }
        Parameters p = new Parameters().addAll("forward.", gf.parameters()).addAll("backward.", gb.parameters());
        return new SequenceGradients(p, List.copyOf(dxs), List.copyOf(dhs), stack(gf.dh0(), gb.dh0()));
    }

    static DMatrixRMaj stack(DMatrixRMaj top, DMatrixRMaj bottom) {
        DMatrixRMaj s = new DMatrixRMaj(top.numRows + bottom.numRows, top.numCols);
        CommonOps_DDRM.insert(top, s, 0, 0);
        CommonOps_DDRM.insert(bottom, s, top.numRows, 0);
        return s;
    }
}
