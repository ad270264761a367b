package gradnotes.grad;

import gradnotes.nn.Recurrent;

/**
 * What a tool that backpropagates once per row of a Jacobian costs, and the refusal of a size that would
 * run for hours. One backward pass through T steps of B sequences touches each of the model's P weights a
 * few times per step and sequence, so {@code passes} of them cost about passes · T · B · P multiply-adds.
 */
final class BackwardPasses {
    private BackwardPasses() {}

    /** About a quarter of an hour to an hour on one core; far above any figure in the notebooks (at most ~1e8). */
    static final double LIMIT = 1e12;

    /**
     * Requires {@code passes} backward passes of {@code model} through {@code T} steps of {@code batch} sequences
     * to stay under {@link #LIMIT} multiply-adds; {@code what} names the call and why it needs that many.
     */
    static void require(String what, long passes, int T, int batch, Recurrent model) {
        double work = (double) passes * T * batch * model.parameters().count();
        if (work > LIMIT)
            throw new IllegalArgumentException(String.format(
                    "%s needs %d backward passes through T = %d steps (batch %d) of a model with %d weights: about %.1e"
                            + " multiply-adds, which would run for hours (the limit is %.0e); use a shorter sequence or fewer hidden units",
                    what, passes, T, batch, model.parameters().count(), work, LIMIT));
    }
}
