package gradnotes.train;

import gradnotes.nn.Parameters;
import gradnotes.nn.Shapes;

/**
 * Adam (Kingma and Ba, 2015). With g the gradient at step k:
 * <pre>
 *   m ← β₁ m + (1 − β₁) g          v ← β₂ v + (1 − β₂) g²
 *   m̂ = m / (1 − β₁^k)            v̂ = v / (1 − β₂^k)          (bias correction: m, v start at 0)
 *   θ ← θ − η m̂ / (√v̂ + ε)
 * </pre>
 * The first step moves every coordinate by almost exactly η, whatever the gradient's scale.
 */
public final class Adam implements Optimizer {
    private final double learningRate, beta1, beta2, epsilon;
    private Parameters m, v;
    private int k;

    /** The usual defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public Adam(double learningRate) { this(learningRate, 0.9, 0.999, 1e-8); }

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this.learningRate = Shapes.positive(learningRate, "learning rate");
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
            throw new IllegalArgumentException("β₁ and β₂ must be in [0, 1), got " + beta1 + " and " + beta2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = Shapes.positive(epsilon, "ε");
    }

    @Override public void step(Parameters params, Parameters grads) {
        Steps.check(params, grads, m, "Adam");
        if (m == null) { m = params.zerosLike(); v = params.zerosLike(); }
        k++;
        double c1 = 1 - Math.pow(beta1, k), c2 = 1 - Math.pow(beta2, k);
        for (var named : params.asMap().entrySet()) {
            String n = named.getKey();
            double[] mm = m.get(n).data, vv = v.get(n).data, g = grads.get(n).data, p = named.getValue().data;
            for (int i = 0, size = named.getValue().getNumElements(); i < size; i++) {
                mm[i] = beta1 * mm[i] + (1 - beta1) * g[i];
                vv[i] = beta2 * vv[i] + (1 - beta2) * g[i] * g[i];
                p[i] -= learningRate * (mm[i] / c1) / (Math.sqrt(vv[i] / c2) + epsilon);
            }
        }
        params.markUpdated();
    }
}
