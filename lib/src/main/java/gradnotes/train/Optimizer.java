package gradnotes.train;

import gradnotes.nn.Parameters;

/** Updates parameters in place from their gradients (same names, same shapes). */
public interface Optimizer {
    void step(Parameters params, Parameters grads);
}
