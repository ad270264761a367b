package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Applying one step function along a sequence, h_t = f(x_t, h_{t-1}), with each input's shape and finiteness checked
 * once per step: the part of a forward pass that every single-state recurrence shares.
 */
final class Unroll {
    private Unroll() {}

    /** The steps of f over {@code xs} from {@code h0}; {@code stateOf} reads h_t from a step. */
    static <S> List<S> steps(List<DMatrixRMaj> xs, DMatrixRMaj h0, int inputSize, int hiddenSize,
                             BiFunction<DMatrixRMaj, DMatrixRMaj, S> step, Function<S, DMatrixRMaj> stateOf) {
        Shapes.nonEmpty(xs, "xs");
        int batch = xs.get(0).numCols;
        Shapes.require(h0, "h0", hiddenSize, batch);
        List<S> steps = new ArrayList<>(xs.size());
        DMatrixRMaj h = h0;
        for (int t = 1; t <= xs.size(); t++) {
            DMatrixRMaj x = xs.get(t - 1);
            Shapes.require(x, "x_" + t, inputSize, batch);
            Shapes.finite(x, "x_" + t);
            S s = step.apply(x, h);
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
}
