package gradnotes.nn;

import java.util.Objects;

/**
 * What made a forward pass: the model, and the version of its weights at the time
 * ({@link Parameters#version()}). A backward pass reuses the intermediates of a forward pass with the
 * model's current weights, so its gradients are right only for a pass of the same model whose weights
 * have not been updated since; {@link #require} refuses anything else, saying which of the two it is.
 *
 * <p>What counts as an update: an optimizer's step, {@link Parameters#addScaled}, {@link Parameters#zero}
 * and {@link Parameters#markUpdated}. Writing into a weight matrix directly ({@code rnn.Wh.set(...)},
 * {@code Arrays.fill(gru.bz.data, ...)}) is not seen; run forward again after doing that.
 */
public record Provenance(Object model, long version) {
    /** The pass {@code model} makes now, with its weights {@code weights}. */
    static Provenance of(Object model, Parameters weights) { return new Provenance(model, weights.version()); }

    /** A pass of a model without weights (its version never changes). */
    static Provenance of(Object model) { return new Provenance(model, 0); }

    /**
     * Requires the pass named {@code name} (the argument it came in as) to have been made by {@code model}
     * with its current {@code weights}.
     */
    static void require(Provenance madeBy, Object model, Parameters weights, String name) {
        if (madeBy == null || !Objects.equals(madeBy.model, model))
            throw new IllegalArgumentException(name + " was made by " + (madeBy == null ? "no forward pass" : describe(madeBy.model, "another "))
                    + ", not by this " + describe(model, "") + ": backward needs the result of this model's own forward pass");
        if (weights != null && madeBy.version != weights.version())
            throw new IllegalArgumentException(name + " is stale: the weights of this " + describe(model, "")
                    + " were updated (by an optimizer step, Parameters.addScaled or Parameters.zero) after the forward pass"
                    + " that made it, and backward needs a pass made with the current weights: run forward again");
    }

    /** A model's own description where it has one (an attention's switches), else its kind. */
    private static String describe(Object model, String article) {
        try {
            if (model.getClass().getMethod("toString").getDeclaringClass() != Object.class) return model.toString();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        return article + model.getClass().getSimpleName();
    }
}
