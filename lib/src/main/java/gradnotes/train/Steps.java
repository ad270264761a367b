package gradnotes.train;

import gradnotes.nn.Parameters;
import gradnotes.nn.Shapes;

/** What every optimizer requires of a step's arguments, checked before any entry changes. */
final class Steps {
    private Steps() {}

    /**
     * Requires {@code grads} to be finite and laid out as {@code params} (same names, same shapes), and
     * {@code params} to be laid out as {@code state}, the optimizer's running averages made at its first step
     * (null before it): an optimizer follows one set of parameters.
     */
    static void check(Parameters params, Parameters grads, Parameters state, String optimizer) {
        Shapes.notNull(params, "params", "the parameters to update");
        Shapes.notNull(grads, "grads", "their gradients, named as params");
        params.requireSameLayout(grads, "grads");
        grads.requireFinite("grads");
        if (state != null && !params.names().equals(state.names()))
            throw new IllegalArgumentException("params are " + params.names() + " but this " + optimizer
                    + " was first used on " + state.names() + ": use one optimizer per set of parameters");
        if (state != null) state.requireSameLayout(params, "params");
    }
}
