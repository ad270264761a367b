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

    /**
     * Requires the first gate's W and U, from which a cell takes its sizes, to be given, U square and W with
     * at least one column (U is named U + gate, or Wh for the vanilla RNN, gate "x").
     */
    static void requireFirstGate(String gate, DMatrixRMaj W, DMatrixRMaj U) {
        String wName = "W" + gate, uName = gate.equals("x") ? "Wh" : "U" + gate;
        Shapes.notNull(U, uName, "a hiddenSize × hiddenSize matrix");
        Shapes.notNull(W, wName, "a hiddenSize × inputSize matrix");
        if (U.numRows != U.numCols || U.numRows < 1)
            throw new IllegalArgumentException(uName + " is " + Shapes.of(U) + ": it must be square, hiddenSize × hiddenSize, with hiddenSize at least 1");
        if (W.numCols < 1) throw new IllegalArgumentException(wName + " is " + Shapes.of(W) + ": a model needs at least one input");
    }

    /** Requires one step's x ({@code inputs × B}) and h_{t-1} to be given with one column per sequence each. */
    static void requireStep(DMatrixRMaj x, DMatrixRMaj hPrev, int inputs) {
        Shapes.notNull(x, "x", "a " + inputs + "×B matrix");
        Shapes.notNull(hPrev, "hPrev", "the state h_{t-1}, hiddenSize × B");
        if (x.numCols != hPrev.numCols || x.numCols < 1)
            throw new IllegalArgumentException("x is " + Shapes.of(x) + " and hPrev is " + Shapes.of(hPrev)
                    + ": both need one column per sequence of the batch, at least one");
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
