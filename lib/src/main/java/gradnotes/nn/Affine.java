package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * What the gated cells share besides their products ({@link GateProducts}): the shape check of one
 * gate's W, U and b, and tanh into a new matrix.
 */
final class Affine {
    private Affine() {}

    /** tanh applied entry by entry, into a new matrix. */
    static DMatrixRMaj tanh(DMatrixRMaj a) {
        DMatrixRMaj y = new DMatrixRMaj(a.numRows, a.numCols);
        Activation.TANH.apply(a, y);
        return y;
    }

    /** Requires W (n × inputs), U (n × n) and b (n × 1) of one gate to fit together. */
    static void requireGate(String gate, DMatrixRMaj W, DMatrixRMaj U, DMatrixRMaj b, int n, int inputs) {
        Shapes.require(W, "W" + gate, n, inputs);
        Shapes.require(U, "U" + gate, n, n);
        Shapes.require(b, "b" + gate, n, 1);
        Shapes.finite(W, "W" + gate);
        Shapes.finite(U, "U" + gate);
        Shapes.finite(b, "b" + gate);
    }
}
