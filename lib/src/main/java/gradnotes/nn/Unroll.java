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

    /** Checks every input's shape and finiteness, and h_0's shape, before a forward pass. */
    static void checkInputs(List<DMatrixRMaj> xs, DMatrixRMaj h0, int inputSize, int hiddenSize) {
        Shapes.nonEmpty(xs, "xs");
        int batch = xs.get(0).numCols;
        Shapes.require(h0, "h0", hiddenSize, batch);
        for (int t = 1; t <= xs.size(); t++) {
            Shapes.require(xs.get(t - 1), "x_" + t, inputSize, batch);
            Shapes.finite(xs.get(t - 1), "x_" + t);
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
    static List<DMatrixRMaj> withFinalStateGradient(Recurrent.Run run, List<DMatrixRMaj> dLdh, DMatrixRMaj dhT) {
        int T = run.length();
        if (dLdh.size() != T) throw new IllegalArgumentException("dLdh has " + dLdh.size() + " steps but the run has " + T);
        List<DMatrixRMaj> d = new ArrayList<>(dLdh);
        DMatrixRMaj last = dhT.copy();
        if (d.get(T - 1) != null) CommonOps_DDRM.addEquals(last, d.get(T - 1));
        d.set(T - 1, last);
        return d;
    }
}
