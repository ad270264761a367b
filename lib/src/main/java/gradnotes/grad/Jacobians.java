package gradnotes.grad;

import gradnotes.nn.Recurrent;
import gradnotes.nn.Shapes;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which inputs a recurrent state depends on: ∂h_t/∂x_s, computed exactly by backpropagation (row i of
 * the Jacobian is what backpropagating the unit vector e_i from h_t delivers at x_s). For one sequence
 * (batch 1).
 *
 * <p>Cost: ∂h_t/∂x_s takes n backward passes (n = hiddenSize), the T × T sensitivity map T · n of them, each
 * through the whole sequence: about T² · n · P multiply-adds for P weights. A size that would take hours
 * (above 1e12) is refused with a message naming the cost.
 */
public final class Jacobians {
    private Jacobians() {}

    /** ∂h_t/∂x_s, a {@code hiddenSize × inputSize} matrix; t and s count from 1. */
    public static DMatrixRMaj stateByInput(Recurrent model, List<DMatrixRMaj> xs, int t, int s) {
        Shapes.notNull(model, "model", "a Recurrent model");
        Shapes.nonEmpty(xs, "xs");
        BackwardPasses.require("stateByInput (one backward pass per hidden unit)", model.hiddenSize(), xs.size(), 1, model);
        Recurrent.Run run = model.forward(xs);
        checkStep(t, run.length(), "t");
        checkStep(s, run.length(), "s");
        return rows(model, run, t).get(s - 1);
    }

    /** The T × T matrix of ‖∂h_t/∂x_s‖ (row t, column s): how strongly each state depends on each input. */
    public static DMatrixRMaj sensitivity(Recurrent model, List<DMatrixRMaj> xs) {
        Shapes.notNull(model, "model", "a Recurrent model");
        Shapes.nonEmpty(xs, "xs");
        BackwardPasses.require("sensitivity (one backward pass per hidden unit and step)", (long) xs.size() * model.hiddenSize(),
                xs.size(), 1, model);
        Recurrent.Run run = model.forward(xs);
        int T = run.length();
        DMatrixRMaj S = new DMatrixRMaj(T, T);
        for (int t = 1; t <= T; t++) {
            List<DMatrixRMaj> J = rows(model, run, t);
            for (int s = 1; s <= T; s++) S.set(t - 1, s - 1, NormOps_DDRM.normF(J.get(s - 1)));
        }
        return S;
    }

    /** ∂h_t/∂x_s for every s, from one backward pass per hidden unit. */
    private static List<DMatrixRMaj> rows(Recurrent model, Recurrent.Run run, int t) {
        int T = run.length(), n = model.hiddenSize(), m = model.inputSize();
        if (run.h0().numCols != 1) throw new IllegalArgumentException("Jacobians are computed for one sequence; the batch has " + run.h0().numCols);
        List<DMatrixRMaj> J = new ArrayList<>(T);
        for (int s = 0; s < T; s++) J.add(new DMatrixRMaj(n, m));
        for (int i = 0; i < n; i++) {
            DMatrixRMaj unit = new DMatrixRMaj(n, 1);
            unit.set(i, 0, 1.0);
            List<DMatrixRMaj> dLdh = new ArrayList<>(Collections.nCopies(T, null));
            dLdh.set(t - 1, unit);
            var g = model.backward(run, dLdh);
            for (int s = 0; s < T; s++)
                for (int k = 0; k < m; k++) J.get(s).set(i, k, g.dxs().get(s).get(k, 0));
        }
        return J;
    }

    private static void checkStep(int t, int T, String name) {
        if (t < 1 || t > T) throw new IllegalArgumentException(name + " = " + t + " is outside the sequence 1.." + T);
    }
}
