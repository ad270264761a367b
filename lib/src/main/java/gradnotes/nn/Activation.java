package gradnotes.nn;

import gradnotes.linalg.Squash;
import org.ejml.data.DMatrixRMaj;

import java.util.function.DoubleUnaryOperator;

/**
 * The element-wise nonlinearities of the sheets, each with its derivative.
 *
 * <p>{@link #derivative(double)} takes the pre-activation {@code a} and returns {@code f'(a)}.
 * {@link #derivativeFromOutput(double, double)} gives the same value from {@code y = f(a)} where
 * that is the cheaper form (sigmoid: {@code y(1 - y)}; tanh: {@code 1 - y²}), which is what a
 * backward pass that cached the outputs uses.
 *
 * <p>Sigmoid and tanh are computed by {@link Squash}, several times faster than {@code Math.tanh} and
 * within a few units in the last place of it.
 */
public enum Activation implements DoubleUnaryOperator {
    /** σ(a) = 1 / (1 + e^{-a}); σ'(a) = σ(a)(1 − σ(a)), at most 1/4. */
    SIGMOID {
        @Override public double applyAsDouble(double a) { return Squash.sigmoid(a); }
        @Override public double derivativeFromOutput(double a, double y) { return y * (1.0 - y); }
        @Override public void apply(double[] a, int from, double[] y, int to, int n) {
            requireRange(a, from, y, to, n);
            Squash.sigmoid(a, from, y, to, n);
        }
    },
    /** tanh(a); tanh'(a) = 1 − tanh²(a), at most 1. */
    TANH {
        @Override public double applyAsDouble(double a) { return Squash.tanh(a); }
        @Override public double derivativeFromOutput(double a, double y) { return 1.0 - y * y; }
        @Override public void apply(double[] a, int from, double[] y, int to, int n) {
            requireRange(a, from, y, to, n);
            Squash.tanh(a, from, y, to, n);
        }
    },
    /** max(0, a); derivative 1 for a &gt; 0 and 0 otherwise (the subgradient 0 is taken at a = 0). */
    RELU {
        @Override public double applyAsDouble(double a) { return a > 0 ? a : 0.0; }
        @Override public double derivativeFromOutput(double a, double y) { return a > 0 ? 1.0 : 0.0; }
    },
    /** f(a) = a; f'(a) = 1 (the IN5400 scalar RNN uses it everywhere). */
    IDENTITY {
        @Override public double applyAsDouble(double a) { return a; }
        @Override public double derivativeFromOutput(double a, double y) { return 1.0; }
    };

    /** Requires {@code a[from, from + n)} and {@code y[to, to + n)} to lie inside the arrays. */
    static void requireRange(double[] a, int from, double[] y, int to, int n) {
        Shapes.notNull(a, "a", "the array of pre-activations");
        Shapes.notNull(y, "y", "the array to write into");
        if (n < 0) throw new IllegalArgumentException("n must be 0 or more, got " + n);
        if (from < 0 || from > a.length - n)
            throw new IllegalArgumentException("from = " + from + " and n = " + n + " run past a, which holds " + a.length
                    + ": expected 0 ≤ from and from + n ≤ " + a.length);
        if (to < 0 || to > y.length - n)
            throw new IllegalArgumentException("to = " + to + " and n = " + n + " run past y, which holds " + y.length
                    + ": expected 0 ≤ to and to + n ≤ " + y.length);
    }

    /** f(a). */
    public double apply(double a) { return applyAsDouble(a); }

    /** f'(a) from the pre-activation alone. */
    public double derivative(double a) { return derivativeFromOutput(a, applyAsDouble(a)); }

    /** f'(a), given both the pre-activation {@code a} and the output {@code y = f(a)}. */
    public abstract double derivativeFromOutput(double a, double y);

    /** Applies f to every entry of {@code a}, writing into {@code out} (which may be {@code a}). */
    public void apply(DMatrixRMaj a, DMatrixRMaj out) {
        Shapes.notNull(a, "a", "the pre-activations");
        Shapes.notNull(out, "out", "the matrix to write f(a) into (it may be a)");
        out.reshape(a.numRows, a.numCols);
        apply(a.data, 0, out.data, 0, a.getNumElements());
    }

    /** {@code y[to + i] = f(a[from + i])} for i &lt; n ({@code y} may be {@code a}); sigmoid and tanh run vectorised. */
    public void apply(double[] a, int from, double[] y, int to, int n) {
        requireRange(a, from, y, to, n);
        for (int i = 0; i < n; i++) y[to + i] = applyAsDouble(a[from + i]);
    }
}
