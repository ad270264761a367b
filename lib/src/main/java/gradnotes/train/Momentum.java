package gradnotes.train;

import gradnotes.nn.Parameters;
import gradnotes.nn.Shapes;

/** Gradient descent with momentum: v ← μ v + ∇θ, θ ← θ − η v (v starts at zero). */
public final class Momentum implements Optimizer {
    private final double learningRate, mu;
    private Parameters velocity;

    public Momentum(double learningRate, double mu) {
        this.learningRate = Shapes.positive(learningRate, "learning rate");
        if (!(mu >= 0 && mu < 1)) throw new IllegalArgumentException("momentum μ must be in [0, 1), got " + mu);
        this.mu = mu;
    }

    @Override public void step(Parameters params, Parameters grads) {
        Steps.check(params, grads, velocity, "Momentum");
        if (velocity == null) velocity = params.zerosLike();
        for (String n : params.names()) {
            double[] v = velocity.get(n).data, g = grads.get(n).data, p = params.get(n).data;
            for (int i = 0, size = params.get(n).getNumElements(); i < size; i++) {
                v[i] = mu * v[i] + g[i];
                p[i] -= learningRate * v[i];
            }
        }
        params.markUpdated();
    }
}
