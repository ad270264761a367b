package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Applying one step function along a sequence, h_t = f(x_t, h_{t-1}), after checking each input's shape and
 * finiteness: the part of a forward pass that every single-state recurrence shares; and, for the backward
 * pass, joining a run's gradients to those of a later run that continued from it.
 */
final class Unroll {
    private Unroll() {}

    /** The batch size B of a sequence: the columns of x_1 (after checking that there is an x_1). */
    static int batchOf(List<DMatrixRMaj> xs, int inputSize) {
        Shapes.nonEmpty(xs, "xs");
        DMatrixRMaj x1 = Shapes.notNull(xs.get(0), "x_1", "a " + inputSize + "×B matrix");
        if (x1.numCols < 1) throw new IllegalArgumentException("x_1 is " + Shapes.of(x1) + ": a batch needs at least one sequence (column)");
        return x1.numCols;
    }

    /**
     * Checks, before a forward pass, that the weights are finite (they may have been changed since the model was
     * made), and every input's and h_0's shape and finiteness.
     */
    static void checkInputs(List<DMatrixRMaj> xs, DMatrixRMaj h0, Parameters weights, int inputSize, int hiddenSize) {
        weights.asMap().forEach((name, W) -> Shapes.finite(W, name));
        int batch = batchOf(xs, inputSize);
        Shapes.require(h0, "h0", hiddenSize, batch);
        Shapes.finite(h0, "h0");
        for (int t = 1; t <= xs.size(); t++) {
            Shapes.require(xs.get(t - 1), "x_" + t, inputSize, batch);
            Shapes.finite(xs.get(t - 1), "x_" + t);
        }
    }

    /** The final state h_T of {@code previous}, which a run continuing from it starts from. */
    static DMatrixRMaj finalState(Recurrent.Run previous, int hiddenSize) {
        Shapes.notNull(previous, "previous", "a run to continue from");
        DMatrixRMaj h = previous.hs().get(previous.length() - 1);
        if (h.numRows != hiddenSize)
            throw new IllegalArgumentException("previous ends in a state of " + h.numRows + " rows, this model's state has "
                    + hiddenSize + ": a run continues only from a state of its own size");
        return h;
    }

    /**
     * Checks the upstream gradients of a backward pass over {@code T} steps: one entry per step, each null (no
     * loss there) or a finite {@code n × batch} matrix named dL/dh_t.
     */
    static void checkGradients(List<DMatrixRMaj> dLdh, int T, int n, int batch) {
        Shapes.notNull(dLdh, "dLdh", "one gradient (or null) per step, " + T + " steps");
        if (dLdh.size() != T) throw new IllegalArgumentException("dLdh has " + dLdh.size() + " steps but the run has " + T);
        for (int t = 1; t <= T; t++) {
            DMatrixRMaj d = dLdh.get(t - 1);
            if (d == null) continue;
            Shapes.require(d, "dL/dh_" + t, n, batch);
            Shapes.finite(d, "dL/dh_" + t);
        }
    }

    /** One step at time t (1..T) from x_t and h_{t-1}. */
    interface StepAt<S> {
        S apply(int t, DMatrixRMaj x, DMatrixRMaj hPrev);
    }

    /** The steps of f over {@code xs} (already checked) from {@code h0}; {@code stateOf} reads h_t from a step. */
    static <S> List<S> steps(List<DMatrixRMaj> xs, DMatrixRMaj h0, StepAt<S> step, Function<S, DMatrixRMaj> stateOf) {
        List<S> steps = new ArrayList<>(xs.size());
        DMatrixRMaj h = h0;
        for (int t = 1; t <= xs.size(); t++) {
            S s = step.apply(t, xs.get(t - 1), h);
            steps.add(s);
            h = stateOf.apply(s);
        }
        return List.copyOf(steps);
    }

    /** h_1 … h_T read off the steps. */
    static <S> List<DMatrixRMaj> states(List<S> steps, Function<S, DMatrixRMaj> stateOf) {
        List<DMatrixRMaj> hs = new ArrayList<>(steps.size());
        for (S s : steps) hs.add(stateOf.apply(s));
        return Collections.unmodifiableList(hs);
    }

    /** {@code dLdh} with {@code dhT} added at the last step (which may have had no loss of its own). */
    static List<DMatrixRMaj> withFinalStateGradient(Recurrent.Run run, List<DMatrixRMaj> dLdh, DMatrixRMaj dhT, int hiddenSize) {
        Shapes.notNull(run, "run", "the run of this model's forward pass");
        int T = run.length();
        DMatrixRMaj hT = run.hs().get(T - 1);
        if (hT.numRows != hiddenSize)
            throw new IllegalArgumentException("run has a state of " + hT.numRows + " rows, this model's has " + hiddenSize
                    + ": it was made by another model");
        checkGradients(dLdh, T, hT.numRows, hT.numCols);
        Shapes.require(dhT, "later.dh0()", hT.numRows, hT.numCols);
        Shapes.finite(dhT, "later.dh0()");
        List<DMatrixRMaj> d = new ArrayList<>(dLdh);
        DMatrixRMaj last = dhT.copy();
        if (d.get(T - 1) != null) CommonOps_DDRM.addEquals(last, d.get(T - 1));
        d.set(T - 1, last);
        return d;
    }
}
