package gradnotes.nn;

import gradnotes.linalg.MatMul;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;

/**
 * The matrix products of a recurrent cell, for all its gates at once and, where the recurrence
 * allows, for all time steps at once. With the gates' weights stacked, W = [W_1; …; W_g],
 * U = [U_1; …; U_g], b = [b_1; …; b_g]:
 * <pre>
 *   forward    P_t = W x_t + b           every step's input term, one product for all steps
 *              Q_t = U h_{t-1}           the recurrent term, one product per step (it needs h_{t-1})
 *   backward   ∂L/∂h_{t-1} += Uᵀ ∂L/∂Q_t                                     one product per step
 *              ∂L/∂W = Σ_t ∂L/∂P_t x_tᵀ,  ∂L/∂b = Σ_t ∂L/∂P_t 1,  ∂L/∂x_t = Wᵀ ∂L/∂P_t,
 *              ∂L/∂U = Σ_t ∂L/∂Q_t h_{t-1}ᵀ                                   one product each, after the loop
 * </pre>
 * This is the same arithmetic as gate by gate and step by step, summed in another order; it turns
 * many thin products into few wide ones, which run several times faster. The models keep their
 * equations gate by gate: they read each gate's rows of P_t + Q_t and hand back each gate's
 * gradient, and this class does the stacking.
 *
 * <p>Quantities of every step are held <em>step-stacked</em>: [x_1ᵀ; x_2ᵀ; …; x_Tᵀ], a {@code T·B × rows}
 * matrix whose row (t − 1)·B + j is sequence j at step t. Each step is then one contiguous block, which a
 * step reads or writes at once, and the sums over steps are the products Σ_t a_t x_tᵀ = Aᵀ X of two
 * stacks, with the long dimension inside the product where a matrix kernel runs fastest.
 */
final class GateProducts {
    private final List<String> wNames, uNames, bNames;
    private final DMatrixRMaj W, U, b;
    private final int n;
    private DMatrixRMaj Ut;
    /** Scratch for one step's P_t and Q_t, reused from step to step. */
    private DMatrixRMaj Pt, Qt;

    /**
     * @param names the model's parameters; {@code wNames}, {@code uNames}, {@code bNames} name each
     *              gate's input weights, recurrent weights and bias, in the same gate order
     */
    GateProducts(Parameters names, List<String> wNames, List<String> uNames, List<String> bNames) {
        this.wNames = wNames;
        this.uNames = uNames;
        this.bNames = bNames;
        this.W = stack(names, wNames);
        this.U = stack(names, uNames);
        this.b = stack(names, bNames);
        this.n = U.numRows / uNames.size();
    }

    /** The named parameters one above the other (each row-major, so each one's entries follow the last's). */
    private static DMatrixRMaj stack(Parameters p, List<String> names) {
        DMatrixRMaj[] gates = new DMatrixRMaj[names.size()];
        int rows = 0;
        for (int g = 0; g < gates.length; g++) {
            gates[g] = p.get(names.get(g));
            if (gates[g].numCols != gates[0].numCols)
                throw new IllegalStateException(names.get(g) + " is " + Shapes.of(gates[g]) + " but " + names.get(0)
                        + " is " + Shapes.of(gates[0]) + ": the gates' matrices must have as many columns");
            rows += gates[g].numRows;
        }
        DMatrixRMaj stacked = new DMatrixRMaj(rows, gates[0].numCols);
        for (int g = 0, at = 0; g < gates.length; at += gates[g].getNumElements(), g++)
            System.arraycopy(gates[g].data, 0, stacked.data, at, gates[g].getNumElements());
        return stacked;
    }

    /** [x_1ᵀ; …; x_Tᵀ] for x_t of {@code rows × B}: the step-stacked {@code T·B × rows} matrix. */
    static DMatrixRMaj stacked(List<DMatrixRMaj> xs) {
        int rows = xs.get(0).numRows, batch = xs.get(0).numCols;
        DMatrixRMaj stack = new DMatrixRMaj(xs.size() * batch, rows);
        for (int t = 1; t <= xs.size(); t++) putStep(stack, t, xs.get(t - 1));
        return stack;
    }

    /** Step t (1..T) of a step-stacked matrix, as a new {@code rows × B} matrix. */
    static DMatrixRMaj stepOf(DMatrixRMaj stack, int t, int batch) {
        return stepOf(stack, t, new DMatrixRMaj(stack.numCols, batch));
    }

    /** Step t (1..T) of a step-stacked matrix, written into {@code x} ({@code rows × B}). */
    private static DMatrixRMaj stepOf(DMatrixRMaj stack, int t, DMatrixRMaj x) {
        int rows = x.numRows, batch = x.numCols, from = (t - 1) * batch * rows;
        for (int j = 0; j < batch; j++)
            for (int i = 0; i < rows; i++) x.data[i * batch + j] = stack.data[from + j * rows + i];
        return x;
    }

    /** Writes {@code x} ({@code rows × B}) as step t (1..T) of a step-stacked matrix. */
    static void putStep(DMatrixRMaj stack, int t, DMatrixRMaj x) {
        int rows = x.numRows, batch = x.numCols, to = (t - 1) * batch * rows;
        for (int j = 0; j < batch; j++)
            for (int i = 0; i < rows; i++) stack.data[to + j * rows + i] = x.data[i * batch + j];
    }

    /** Gate g's rows (g = 0..gates-1) of a stacked matrix, as a new {@code n × B} matrix. */
    DMatrixRMaj gate(DMatrixRMaj stacked, int g) {
        DMatrixRMaj a = new DMatrixRMaj(n, stacked.numCols);
        System.arraycopy(stacked.data, g * n * stacked.numCols, a.data, 0, a.getNumElements());
        return a;
    }

    /** f(P_t + Q_t) for gate g (0..gates-1): {@code n × B}. */
    DMatrixRMaj gate(DMatrixRMaj Pt, DMatrixRMaj Q, int g, Activation f) {
        DMatrixRMaj y = new DMatrixRMaj(n, Q.numCols);
        for (int k = 0, at = g * y.data.length; k < y.data.length; k++) y.data[k] = Pt.data[at + k] + Q.data[at + k];
        f.apply(y, y);
        return y;
    }

    /** P_t = W x_t + b for every step of {@code xs} at once, step-stacked: {@code T·B × gates·n}. */
    DMatrixRMaj inputTerms(List<DMatrixRMaj> xs) {
        DMatrixRMaj P = new DMatrixRMaj(xs.size() * xs.get(0).numCols, W.numRows);
        MatMul.multTransB(stacked(xs), W, P);
        for (int r = 0; r < P.numRows; r++)
            for (int i = 0, at = r * P.numCols; i < P.numCols; i++) P.data[at + i] += b.data[i];
        return P;
    }

    /**
     * P_t, step t (1..T) of the input terms {@code P} from {@link #inputTerms}: {@code gates·n × B}, in a
     * buffer reused at the next step (the models copy out what they keep).
     */
    DMatrixRMaj inputTerm(DMatrixRMaj P, int t, int batch) {
        if (Pt == null || Pt.numCols != batch) Pt = new DMatrixRMaj(W.numRows, batch);
        return stepOf(P, t, Pt);
    }

    /** Q_t = U h_{t-1}: the recurrent term of every gate, {@code gates·n × B}, in a buffer reused at the next step. */
    DMatrixRMaj recurrentTerms(DMatrixRMaj h) {
        if (Qt == null || Qt.numCols != h.numCols) Qt = new DMatrixRMaj(U.numRows, h.numCols);
        MatMul.mult(U, h, Qt);
        return Qt;
    }

    /**
     * ∂L/∂h_{t-1} += Uᵀ ∂L/∂Q_t. Uᵀ is formed once, on the first call: with its rows contiguous the product
     * is as fast for one sequence as for a batch.
     */
    void backIntoState(DMatrixRMaj dQ, DMatrixRMaj dhPrev) {
        if (Ut == null) Ut = CommonOps_DDRM.transpose(U, null);
        MatMul.multAdd(Ut, dQ, dhPrev);
    }

    /**
     * After the backward loop: adds ∂L/∂W, ∂L/∂U and ∂L/∂b of every gate into {@code grads} and returns
     * ∂L/∂x_t for every step.
     *
     * @param dP ∂L/∂P_t for every step, step-stacked ({@code T·B × gates·n})
     * @param dQ ∂L/∂Q_t likewise (the same matrix when each gate's recurrent term enters it unscaled)
     */
    List<DMatrixRMaj> finish(DMatrixRMaj dP, DMatrixRMaj dQ, List<DMatrixRMaj> xs, List<DMatrixRMaj> hPrevs, Parameters grads) {
        int batch = xs.get(0).numCols, T = xs.size();
        DMatrixRMaj dW = new DMatrixRMaj(W.numRows, W.numCols), dU = new DMatrixRMaj(U.numRows, U.numCols);
        MatMul.multTransA(dP, stacked(xs), dW);
        MatMul.multTransA(dQ, stacked(hPrevs), dU);
        DMatrixRMaj db = new DMatrixRMaj(b.numRows, 1);
        for (int r = 0; r < dP.numRows; r++)
            for (int i = 0, at = r * dP.numCols; i < dP.numCols; i++) db.data[i] += dP.data[at + i];
        for (int g = 0; g < wNames.size(); g++) {
            addRows(dW, g, grads.get(wNames.get(g)));
            addRows(dU, g, grads.get(uNames.get(g)));
            addRows(db, g, grads.get(bNames.get(g)));
        }
        DMatrixRMaj dX = new DMatrixRMaj(T * batch, W.numCols);
        MatMul.mult(dP, W, dX);
        List<DMatrixRMaj> dxs = new ArrayList<>(T);
        for (int t = 1; t <= T; t++) dxs.add(stepOf(dX, t, batch));
        return dxs;
    }

    private void addRows(DMatrixRMaj stacked, int g, DMatrixRMaj into) {
        int offset = g * n * stacked.numCols;
        for (int k = 0; k < into.data.length; k++) into.data[k] += stacked.data[offset + k];
    }
}
