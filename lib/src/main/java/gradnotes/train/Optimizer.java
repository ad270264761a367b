package gradnotes.train;

import gradnotes.nn.Parameters;

/**
 * Updates parameters in place from their gradients (same names, same shapes). The optimizers here refuse
 * gradients of another layout or with an entry that is not finite before changing anything, and after a
 * step mark the parameters updated ({@link Parameters#markUpdated()}), so that a run made before the step
 * is refused as stale by its model's backward pass.
 */
public interface Optimizer {
    void step(Parameters params, Parameters grads);
}
