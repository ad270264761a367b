package gradnotes.nn;

import gradnotes.linalg.MatMul;
import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/**
 * An affine map {@code y = W x + b} (b optional): a layer of an MLP, or the readout
 * {@code ŷ_t = W_y h_t + b_y} on top of a recurrent state. Inputs are columns ({@code in × B}).
 */
public final class Linear {
    public final DMatrixRMaj W;
    /** {@code out × 1}, or {@code null} for a layer without bias. */
    public final DMatrixRMaj b;

    public Linear(DMatrixRMaj W, DMatrixRMaj b) {
        this.W = Shapes.finite(W, "W");
        if (b != null) Shapes.require(Shapes.finite(b, "b"), "b", W.numRows, 1);
        this.b = b;
    }

    /** A layer with Xavier-initialised W and zero bias (or none). */
    public static Linear init(int in, int out, boolean bias, Random rng) {
        return new Linear(Init.xavier(out, in, rng), bias ? new DMatrixRMaj(out, 1) : null);
    }

    public int in() { return W.numCols; }

    public int out() { return W.numRows; }

    /** W, and b if there is one: by reference. */
    public Parameters parameters() {
        Parameters p = new Parameters().add("W", W);
        if (b != null) p.add("b", b);
        return p;
    }

    /** y = W x + b. */
    public DMatrixRMaj forward(DMatrixRMaj x) {
        Shapes.requireFits(W, "W", x, "x");
        DMatrixRMaj y = new DMatrixRMaj(W.numRows, x.numCols);
        MatMul.mult(W, x, y);
        if (b != null)
            for (int i = 0; i < y.numRows; i++)
                for (int j = 0; j < y.numCols; j++) y.unsafe_set(i, j, y.unsafe_get(i, j) + b.unsafe_get(i, 0));
        return y;
    }

    /**
     * Given ∂L/∂y for input x, adds ∂L/∂W = ∂L/∂y xᵀ (and ∂L/∂b = Σ_batch ∂L/∂y) into {@code grads}
     * (from {@link Parameters#zerosLike()}) and returns ∂L/∂x = Wᵀ ∂L/∂y.
     */
    public DMatrixRMaj backward(DMatrixRMaj x, DMatrixRMaj dy, Parameters grads) {
        Shapes.require(dy, "dL/dy", W.numRows, x.numCols);
        MatMul.multAddTransB(dy, x, grads.get("W"));
        if (b != null) {
            DMatrixRMaj db = grads.get("b");
            for (int i = 0; i < dy.numRows; i++)
                for (int j = 0; j < dy.numCols; j++) db.unsafe_set(i, 0, db.unsafe_get(i, 0) + dy.unsafe_get(i, j));
        }
        DMatrixRMaj dx = new DMatrixRMaj(W.numCols, dy.numCols);
        MatMul.multTransA(W, dy, dx);
        return dx;
    }
}
