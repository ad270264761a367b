package gradnotes.train;

import gradnotes.nn.Parameters;
import gradnotes.nn.Shapes;

/** Plain gradient descent: θ ← θ − η ∇θ. */
public final class Sgd implements Optimizer {
    private final double learningRate;

    public Sgd(double learningRate) { this.learningRate = Shapes.positive(learningRate, "learning rate"); }

    @Override public void step(Parameters params, Parameters grads) {
        Steps.check(params, grads, null, "Sgd");
        params.addScaled(-learningRate, grads);
    }
}
