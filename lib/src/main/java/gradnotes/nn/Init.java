package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/**
 * Weight initialisation. Every random matrix in the library comes from a {@link Random} the
 * caller seeds, so a notebook gives the same numbers on every run.
 */
public final class Init {
    private Init() {}

    /** Entries drawn uniformly from [−scale, scale]. */
    public static DMatrixRMaj uniform(int rows, int cols, double scale, Random rng) {
        Shapes.positive(rows, "rows");
        Shapes.positive(cols, "cols");
        Shapes.finite(scale, "scale");
        Shapes.notNull(rng, "rng", "a seeded java.util.Random");
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) m.data[i] = scale * (2 * rng.nextDouble() - 1);
        return m;
    }

    /** Entries drawn from N(0, std²). */
    public static DMatrixRMaj normal(int rows, int cols, double std, Random rng) {
        Shapes.positive(rows, "rows");
        Shapes.positive(cols, "cols");
        Shapes.finite(std, "std");
        Shapes.notNull(rng, "rng", "a seeded java.util.Random");
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) m.data[i] = std * rng.nextGaussian();
        return m;
    }

    /**
     * Glorot/Xavier uniform: scale √(6 / (fanIn + fanOut)), which keeps the variance of activations
     * roughly constant from layer to layer for tanh-like units.
     */
    public static DMatrixRMaj xavier(int rows, int cols, Random rng) {
        Shapes.positive(rows, "rows");
        Shapes.positive(cols, "cols");
        return uniform(rows, cols, Math.sqrt(6.0 / (rows + cols)), rng);
    }

    /** Every entry equal to {@code value} (the symmetric initialisations of DL4NLP exercise 03). */
    public static DMatrixRMaj constant(int rows, int cols, double value) {
        Shapes.positive(rows, "rows");
        Shapes.positive(cols, "cols");
        Shapes.finite(value, "value");
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        java.util.Arrays.fill(m.data, value);
        return m;
    }
}
