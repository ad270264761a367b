package gradnotes.nn;

import gradnotes.linalg.MatMul;
import org.ejml.data.DMatrixRMaj;

/**
 * The affine map every gate of a recurrent cell computes, {@code a = W x + U h + b} (b a column
 * added to every column of the batch), and the three things its backward pass needs. Shared by the
 * GRU and the LSTM so that each of their gates is one line.
 */
final class Affine {
    private Affine() {}

    /** W x + U h + b; {@code U} or {@code h} may be null for a gate without a recurrent term. */
    static DMatrixRMaj of(DMatrixRMaj W, DMatrixRMaj x, DMatrixRMaj U, DMatrixRMaj h, DMatrixRMaj b) {
        DMatrixRMaj a = new DMatrixRMaj(W.numRows, x.numCols);
        MatMul.mult(W, x, a);
        if (U != null) MatMul.multAdd(U, h, a);
        addColumn(a, b);
        return a;
    }

    /** a += b for every column of a. */
    static void addColumn(DMatrixRMaj a, DMatrixRMaj b) {
        for (int i = 0; i < a.numRows; i++) {
            double bi = b.unsafe_get(i, 0);
            for (int j = 0; j < a.numCols; j++) a.unsafe_set(i, j, a.unsafe_get(i, j) + bi);
        }
    }

    /** Given ∂L/∂a: dW += ∂L/∂a xᵀ, dU += ∂L/∂a hᵀ (when dU is not null), db += Σ_batch ∂L/∂a. */
    static void accumulate(DMatrixRMaj da, DMatrixRMaj x, DMatrixRMaj h, DMatrixRMaj dW, DMatrixRMaj dU, DMatrixRMaj db) {
        MatMul.multAddTransB(da, x, dW);
        if (dU != null) MatMul.multAddTransB(da, h, dU);
        for (int i = 0; i < da.numRows; i++) {
            double s = 0;
            for (int j = 0; j < da.numCols; j++) s += da.unsafe_get(i, j);
            db.unsafe_set(i, 0, db.unsafe_get(i, 0) + s);
        }
    }

    /** out += Mᵀ da: how ∂L/∂a flows back into the input (M = W) or the previous state (M = U). */
    static void backInto(DMatrixRMaj M, DMatrixRMaj da, DMatrixRMaj out) {
        MatMul.multAddTransA(M, da, out);
    }

    /** σ applied entry by entry, into a new matrix. */
    static DMatrixRMaj sigmoid(DMatrixRMaj a) {
        DMatrixRMaj y = new DMatrixRMaj(a.numRows, a.numCols);
        Activation.SIGMOID.apply(a, y);
        return y;
    }

    /** tanh applied entry by entry, into a new matrix. */
    static DMatrixRMaj tanh(DMatrixRMaj a) {
        DMatrixRMaj y = new DMatrixRMaj(a.numRows, a.numCols);
        Activation.TANH.apply(a, y);
        return y;
    }

    /** Requires W (n × inputs), U (n × n) and b (n × 1) of one gate to fit together. */
    static void requireGate(String gate, DMatrixRMaj W, DMatrixRMaj U, DMatrixRMaj b, int n, int inputs) {
        Shapes.require(Shapes.finite(W, "W" + gate), "W" + gate, n, inputs);
        Shapes.require(Shapes.finite(U, "U" + gate), "U" + gate, n, n);
        Shapes.require(Shapes.finite(b, "b" + gate), "b" + gate, n, 1);
    }
}
