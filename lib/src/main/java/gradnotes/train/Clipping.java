package gradnotes.train;

import gradnotes.nn.Parameters;
import gradnotes.nn.Shapes;

/** Gradient clipping, the standard guard against exploding gradients. Both methods work in place. */
public final class Clipping {
    private Clipping() {}

    /**
     * If the global norm ‖g‖ (all gradients together) exceeds {@code maxNorm}, scales every gradient by
     * maxNorm / ‖g‖: the direction is kept, the step length capped. Returns the norm before clipping.
     */
    public static double byNorm(Parameters grads, double maxNorm) {
        Shapes.notNull(grads, "grads", "the gradients to clip");
        Shapes.positive(maxNorm, "maximum norm");
        grads.requireFinite("grads");
        double norm = grads.norm();
        if (norm > maxNorm) {
            double scale = maxNorm / norm;
            for (var m : grads.asMap().values()) for (int i = 0; i < m.getNumElements(); i++) m.data[i] *= scale;
        }
        return norm;
    }

    /** Limits every entry to [−maxValue, maxValue] (this can change the gradient's direction). */
    public static void byValue(Parameters grads, double maxValue) {
        Shapes.notNull(grads, "grads", "the gradients to clip");
        Shapes.positive(maxValue, "maximum value");
        grads.requireFinite("grads");
        for (var m : grads.asMap().values())
            for (int i = 0; i < m.getNumElements(); i++) m.data[i] = Math.max(-maxValue, Math.min(maxValue, m.data[i]));
    }
}
