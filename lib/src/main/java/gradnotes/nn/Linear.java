package gradnotes.nn;

import gradnotes.linalg.MatMul;
import org.ejml.data.DMatrixRMaj;

import java.util.List;
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
        Shapes.notNull(W, "W", "an out × in matrix");
        if (W.numRows < 1 || W.numCols < 1) throw new IllegalArgumentException("W is " + Shapes.of(W) + ": a layer needs at least one input and one output");
        this.W = Shapes.finite(W, "W");
        if (b != null) {
            Shapes.require(b, "b", W.numRows, 1);
            Shapes.finite(b, "b");
        }
        this.b = b;
    }

    /** A layer with Xavier-initialised W and zero bias (or none). */
    public static Linear init(int in, int out, boolean bias, Random rng) {
        Shapes.notNull(rng, "rng", "a seeded java.util.Random");
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
        Shapes.finite(x, "x");
        requireFiniteWeights();
        return apply(x);
    }

    /** The weights are checked at each pass, not only when the layer is made: they may have been changed since. */
    void requireFiniteWeights() {
        Shapes.finite(W, "W");
        if (b != null) Shapes.finite(b, "b");
    }

    /** y = W x + b for an {@code x} already checked (a state inside a model, which may be large but is the model's own). */
    DMatrixRMaj apply(DMatrixRMaj x) {
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
        Shapes.requireFits(W, "W", x, "x");
        Shapes.finite(x, "x");
        Shapes.notNull(dy, "dy", "∂L/∂y, " + W.numRows + "×B");
        if (dy.numCols != x.numCols) throw new IllegalArgumentException("dL/dy is " + Shapes.of(dy) + " and x is " + Shapes.of(x)
                + ": both need one column per sequence of the batch");
        Shapes.require(dy, "dL/dy", W.numRows, x.numCols);
        Shapes.finite(dy, "dL/dy");
        Shapes.notNull(grads, "grads", "parameters.zerosLike() of this layer, where ∂L/∂W (and ∂L/∂b) accumulate");
        for (String name : b == null ? List.of("W") : List.of("W", "b"))
            if (!grads.has(name)) throw new IllegalArgumentException("grads has no " + name + "; it has " + grads.names()
                    + ", expected this layer's parameters().zerosLike()");
        Shapes.require(grads.get("W"), "grads W", W.numRows, W.numCols);
        if (b != null) Shapes.require(grads.get("b"), "grads b", W.numRows, 1);
        return accumulate(x, dy, grads);
    }

    /** The backward pass for arguments already checked (inside a model that checked them at its own door). */
    DMatrixRMaj accumulate(DMatrixRMaj x, DMatrixRMaj dy, Parameters grads) {
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
