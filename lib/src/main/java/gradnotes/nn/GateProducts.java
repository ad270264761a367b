package gradnotes.nn;

import gradnotes.linalg.MatMul;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;

/**
 * The matrix products of a recurrent cell, for all its gates at once and, where the recurrence
 * allows, for all time steps at once. With the gates' weights stacked, W = [W_1; …; W_g],
 * U = [U_1; …; U_g], b = [b_1; …; b_g], and the inputs side by side, X = [x_1 … x_T]:
 * <pre>
 *   forward    P = W X + b            every step's input term, one product
 *              Q_t = U h_{t-1}        the recurrent term, one product per step (it needs h_{t-1})
 *   backward   ∂L/∂h_{t-1} += Uᵀ ∂L/∂Q_t                                 one product per step
 *              ∂L/∂W = ∂L/∂P Xᵀ,  ∂L/∂b = ∂L/∂P 1,  ∂L/∂X = Wᵀ ∂L/∂P,
 *              ∂L/∂U = ∂L/∂Q [h_0 … h_{T-1}]ᵀ                           one product each, after the loop
 * </pre>
 * This is the same arithmetic as gate by gate and step by step, summed in another order; it turns
 * many thin products into few wide ones, which run several times faster. The models keep their
 * equations gate by gate: they read each gate's rows of P + Q and hand back each gate's
 * gradient, and this class does the stacking.
 */
final class GateProducts {
    private final List<String> wNames, uNames, bNames;
    private final DMatrixRMaj W, U, b;
    private final int n;
    private DMatrixRMaj Ut;

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

    /** The named parameters one above the other. */
    private static DMatrixRMaj stack(Parameters p, List<String> names) {
        return CommonOps_DDRM.concatRowsMulti(names.stream().map(p::get).toArray(DMatrixRMaj[]::new));
    }

    /** [x_1 … x_T], each {@code rows × B}, side by side: {@code rows × T·B}. */
    static DMatrixRMaj sideBySide(List<DMatrixRMaj> xs) {
        int rows = xs.get(0).numRows, batch = xs.get(0).numCols, T = xs.size();
        DMatrixRMaj wide = new DMatrixRMaj(rows, T * batch);
        for (int t = 0; t < T; t++) {
            DMatrixRMaj x = xs.get(t);
            copyRows(rows, batch, x.data, 0, batch, wide.data, t * batch, T * batch);
        }
        return wide;
    }

    /** Step t's columns (t = 1..T) of a side-by-side matrix, as a new {@code rows × B} matrix. */
    static DMatrixRMaj columnsOf(DMatrixRMaj wide, int t, int batch) {
        DMatrixRMaj x = new DMatrixRMaj(wide.numRows, batch);
        copyRows(wide.numRows, batch, wide.data, (t - 1) * batch, wide.numCols, x.data, 0, batch);
        return x;
    }

    /** Writes {@code x} into step t's columns of a side-by-side matrix. */
    static void putColumns(DMatrixRMaj wide, int t, DMatrixRMaj x) {
        int batch = x.numCols;
        copyRows(x.numRows, batch, x.data, 0, batch, wide.data, (t - 1) * batch, wide.numCols);
    }

    /** Copies a {@code rows × cols} block between row-major arrays with the given row strides. */
    private static void copyRows(int rows, int cols, double[] from, int fromAt, int fromStride, double[] to, int toAt, int toStride) {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) to[toAt + i * toStride + j] = from[fromAt + i * fromStride + j];
    }

    /** Gate g's rows (g = 0..gates-1) of a stacked matrix, as a new {@code n × B} matrix. */
    DMatrixRMaj gate(DMatrixRMaj stacked, int g) {
        DMatrixRMaj a = new DMatrixRMaj(n, stacked.numCols);
        System.arraycopy(stacked.data, g * n * stacked.numCols, a.data, 0, a.getNumElements());
        return a;
    }

    /** f(P_t + Q_t) for gate g (0..gates-1): {@code n × B}, where P_t is step t's columns of P. */
    DMatrixRMaj gate(DMatrixRMaj Pt, DMatrixRMaj Q, int g, Activation f) {
        DMatrixRMaj y = new DMatrixRMaj(n, Q.numCols);
        for (int k = 0, at = g * y.data.length; k < y.data.length; k++) y.data[k] = f.applyAsDouble(Pt.data[at + k] + Q.data[at + k]);
        return y;
    }

    /** P = W X + b for every step of {@code xs} at once: {@code gates·n × T·B}. */
    DMatrixRMaj inputTerms(List<DMatrixRMaj> xs) {
        DMatrixRMaj X = sideBySide(xs), P = new DMatrixRMaj(W.numRows, X.numCols);
        MatMul.mult(W, X, P);
        for (int i = 0; i < P.numRows; i++) {
            double bi = b.data[i];
            for (int j = i * P.numCols, end = j + P.numCols; j < end; j++) P.data[j] += bi;
        }
        return P;
    }

    /** Q = U h: the recurrent term of every gate, {@code gates·n × B}. */
    DMatrixRMaj recurrentTerms(DMatrixRMaj h) {
        DMatrixRMaj Q = new DMatrixRMaj(U.numRows, h.numCols);
        MatMul.mult(U, h, Q);
        return Q;
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
     * @param dP ∂L/∂P for every step, side by side ({@code gates·n × T·B})
     * @param dQ ∂L/∂Q likewise (the same matrix when each gate's recurrent term enters it unscaled)
     */
    List<DMatrixRMaj> finish(DMatrixRMaj dP, DMatrixRMaj dQ, List<DMatrixRMaj> xs, List<DMatrixRMaj> hPrevs, Parameters grads) {
        int batch = xs.get(0).numCols, T = xs.size();
        DMatrixRMaj dW = new DMatrixRMaj(W.numRows, W.numCols), dU = new DMatrixRMaj(U.numRows, U.numCols);
        MatMul.multTransB(dP, sideBySide(xs), dW);
        MatMul.multTransB(dQ, sideBySide(hPrevs), dU);
        for (int g = 0; g < wNames.size(); g++) {
            addRows(dW, g, grads.get(wNames.get(g)));
            addRows(dU, g, grads.get(uNames.get(g)));
            DMatrixRMaj db = grads.get(bNames.get(g));
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = (g * n + i) * dP.numCols, end = j + dP.numCols; j < end; j++) s += dP.data[j];
                db.data[i] += s;
            }
        }
        DMatrixRMaj dX = new DMatrixRMaj(W.numCols, T * batch);
        MatMul.multTransA(W, dP, dX);
        List<DMatrixRMaj> dxs = new ArrayList<>(T);
        for (int t = 1; t <= T; t++) dxs.add(columnsOf(dX, t, batch));
        return dxs;
    }

    private void addRows(DMatrixRMaj stacked, int g, DMatrixRMaj into) {
        int offset = g * n * stacked.numCols;
        for (int k = 0; k < into.data.length; k++) into.data[k] += stacked.data[offset + k];
    }
}
