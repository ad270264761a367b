package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * A multi-layer perceptron: layer k computes
 * <pre>
 *   z^(k) = W^(k) a^(k-1) + b^(k)        pre-activation (b optional)
 *   a^(k) = f_k(z^(k))                    activation, a^(0) = x
 * </pre>
 * and backpropagation runs the other way,
 * <pre>
 *   ∂E/∂z^(k)   = ∂E/∂a^(k) ∘ f_k'(z^(k))
 *   ∂E/∂W^(k)   = ∂E/∂z^(k) a^(k-1)ᵀ,   ∂E/∂b^(k) = ∂E/∂z^(k)
 *   ∂E/∂a^(k-1) = W^(k)ᵀ ∂E/∂z^(k)      (entry i: Σ_j ∂E/∂a_j f'(z_j) w_ji, the sheets' formula)
 * </pre>
 * Both error derivatives at every neuron are kept, with respect to its activation and to its
 * pre-activation, because by-hand exercises ask for both. For a softmax output, use an identity last
 * layer (logits) with {@link SoftmaxCrossEntropy}.
 *
 * <p>A {@link #rounding} variant replays a by-hand calculation done "to two decimals after every
 * step": it rounds each quantity a person writes down (pre-activations, activations, the error
 * derivative at each neuron's activation, the weight gradients) and keeps the factors used on the way
 * (σ'(z) and ∂E/∂z) unrounded, as such hand calculations do.
 */
public final class Mlp {
    public final List<Linear> layers;
    public final List<Activation> activations;
    private final DoubleUnaryOperator round;

    public Mlp(List<Linear> layers, List<Activation> activations) { this(layers, activations, DoubleUnaryOperator.identity()); }

    private Mlp(List<Linear> layers, List<Activation> activations, DoubleUnaryOperator round) {
        Shapes.notNull(layers, "layers", "a list of Linear layers");
        Shapes.notNull(activations, "activations", "one Activation per layer");
        for (int k = 1; k <= layers.size(); k++) if (layers.get(k - 1) == null) throw new IllegalArgumentException("layer " + k + " is null, expected a Linear layer");
        for (int k = 1; k <= activations.size(); k++)
            if (activations.get(k - 1) == null) throw new IllegalArgumentException("activation " + k + " is null, expected an Activation");
        if (layers.isEmpty()) throw new IllegalArgumentException("an MLP needs at least one layer");
        if (layers.size() != activations.size())
            throw new IllegalArgumentException(layers.size() + " layers but " + activations.size() + " activations");
        for (int k = 1; k < layers.size(); k++)
            if (layers.get(k).in() != layers.get(k - 1).out())
                throw new IllegalArgumentException("layer " + (k + 1) + " reads " + layers.get(k).in() + " inputs but layer " + k
                        + " has " + layers.get(k - 1).out() + " outputs");
        this.layers = List.copyOf(layers);
        this.activations = List.copyOf(activations);
        this.round = round;
    }

    /** Widths (input first, output last), Xavier weights, the same activation on every hidden layer. */
    public static Mlp init(int[] widths, Activation hidden, Activation output, boolean bias, Random rng) {
        Shapes.notNull(widths, "widths", "the layer widths, input first");
        Shapes.notNull(hidden, "hidden", "the hidden layers' Activation");
        Shapes.notNull(output, "output", "the output layer's Activation");
        if (widths.length < 2) throw new IllegalArgumentException("widths need an input and an output size, got " + widths.length + " numbers");
        List<Linear> layers = new ArrayList<>();
        List<Activation> fs = new ArrayList<>();
        for (int k = 1; k < widths.length; k++) {
            layers.add(Linear.init(Shapes.positive(widths[k - 1], "width"), Shapes.positive(widths[k], "width"), bias, rng));
            fs.add(k == widths.length - 1 ? output : hidden);
        }
        return new Mlp(layers, fs);
    }

    /**
     * A network given as the exercise sheets write it: row vectors and weight matrices shaped
     * (inputs × outputs), so that a layer computes f(x · U). Here a layer computes f(W x) with
     * W = Uᵀ; this factory transposes each matrix. No biases; the same activation everywhere.
     */
    public static Mlp fromSheetMatrices(Activation f, DMatrixRMaj... inputsByOutputs) {
        Shapes.notNull(f, "f", "the Activation of every layer");
        Shapes.notNull(inputsByOutputs, "inputsByOutputs", "one inputs × outputs matrix per layer");
        List<Linear> layers = new ArrayList<>();
        List<Activation> fs = new ArrayList<>();
        for (DMatrixRMaj U : inputsByOutputs) {
            Shapes.notNull(U, "matrix " + (layers.size() + 1) + " of inputsByOutputs", "an inputs × outputs matrix");
            layers.add(new Linear(CommonOps_DDRM.transpose(U, null), null));
            fs.add(f);
        }
        return new Mlp(layers, fs);
    }

    /** The same network (sharing its weights) rounding every written-down quantity to {@code decimals} places. */
    public Mlp rounding(int decimals) {
        if (decimals < 0) throw new IllegalArgumentException("decimals must be 0 or more, got " + decimals);
        return new Mlp(layers, activations, v -> new java.math.BigDecimal(Double.toString(v))
                .setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue());
    }

    public int depth() { return layers.size(); }

    /** W1, b1, W2, … (layer k's bias only if it has one), by reference. */
    public Parameters parameters() {
        Parameters p = new Parameters();
        for (int k = 1; k <= depth(); k++) {
            Linear l = layers.get(k - 1);
            p.add("W" + k, l.W);
            if (l.b != null) p.add("b" + k, l.b);
        }
        return p;
    }

    /** Every pre-activation and activation; index k - 1 holds layer k; and the network that computed them. */
    public record Forward(DMatrixRMaj x, List<DMatrixRMaj> z, List<DMatrixRMaj> a, Provenance madeBy) {
        public DMatrixRMaj output() { return a.get(a.size() - 1); }

        /** z^(k) for k = 1..depth. */
        public DMatrixRMaj z(int k) { return z.get(Shapes.index(k, "k", z.size()) - 1); }

        /** a^(k) for k = 0..depth (a^(0) = x). */
        public DMatrixRMaj a(int k) { return k == 0 ? x : a.get(Shapes.index(k, "k", a.size()) - 1); }
    }

    /**
     * Every error derivative: at each neuron with respect to its activation ({@code dEda}) and its
     * pre-activation ({@code dEdz}), and with respect to every weight.
     */
    public record Backward(List<DMatrixRMaj> dEda, List<DMatrixRMaj> dEdz, Parameters parameters, DMatrixRMaj dEdx) {
        /** ∂E/∂a^(k) for k = 1..depth. */
        public DMatrixRMaj dEda(int k) { return dEda.get(Shapes.index(k, "k", dEda.size()) - 1); }

        /** ∂E/∂z^(k) for k = 1..depth. */
        public DMatrixRMaj dEdz(int k) { return dEdz.get(Shapes.index(k, "k", dEdz.size()) - 1); }

        /** ∂E/∂W^(k). */
        public DMatrixRMaj dEdW(int k) { return parameters.get("W" + Shapes.index(k, "k", dEdz.size())); }
    }

    public Forward forward(DMatrixRMaj x) {
        Shapes.requireFits(layers.get(0).W, "W1", x, "x");
        Shapes.finite(x, "x");
        Parameters weights = parameters();
        weights.asMap().forEach((name, W) -> Shapes.finite(W, name));
        List<DMatrixRMaj> zs = new ArrayList<>(), as = new ArrayList<>();
        DMatrixRMaj a = x;
        for (int k = 1; k <= depth(); k++) {
            Linear l = layers.get(k - 1);
            if (a.numRows != l.in())
                throw new IllegalArgumentException((k == 1 ? "x" : "a^(" + (k - 1) + ")") + " has " + a.numRows + " rows, W" + k
                        + " (" + Shapes.of(l.W) + ") expects " + l.in());
            DMatrixRMaj z = rounded(l.apply(a));
            DMatrixRMaj next = new DMatrixRMaj(z.numRows, z.numCols);
            activations.get(k - 1).apply(z, next);
            zs.add(z);
            as.add(a = rounded(next));
        }
        return new Forward(x, List.copyOf(zs), List.copyOf(as), Provenance.of(this, weights));
    }

    /**
     * What anything that reads a forward pass back needs: a pass this network made with its current
     * weights; anything else (null, another network's pass, one made before an update) is an
     * IllegalArgumentException naming {@code fw}.
     */
    public Forward requireOwn(Forward fw) {
        Shapes.notNull(fw, "fw", "the result of this network's forward pass");
        Provenance.require(fw.madeBy(), this, parameters(), "fw");
        return fw;
    }

    /** Backpropagation from ∂E/∂(output activation). */
    public Backward backward(Forward fw, DMatrixRMaj dEdOutput) {
        Shapes.notNull(fw, "fw", "the result of this network's forward pass");
        Provenance.require(fw.madeBy(), this, parameters(), "fw");
        Shapes.require(dEdOutput, "dE/d(output)", fw.output().numRows, fw.output().numCols);
        Shapes.finite(dEdOutput, "dE/d(output)");
        Parameters grads = parameters().zerosLike();
        DMatrixRMaj[] dEda = new DMatrixRMaj[depth()], dEdz = new DMatrixRMaj[depth()];
        DMatrixRMaj d = rounded(dEdOutput.copy());
        for (int k = depth(); k >= 1; k--) {
            dEda[k - 1] = d;
            DMatrixRMaj dz = new DMatrixRMaj(d.numRows, d.numCols);
            DMatrixRMaj z = fw.z(k);
            for (int i = 0; i < dz.data.length; i++) {
                dz.data[i] = d.data[i] * activations.get(k - 1).derivative(z.data[i]);
            }
            dEdz[k - 1] = dz;
            Parameters layer = new Parameters().add("W", grads.get("W" + k));
            if (layers.get(k - 1).b != null) layer.add("b", grads.get("b" + k));
            d = rounded(layers.get(k - 1).accumulate(fw.a(k - 1), dz, layer));
            rounded(grads.get("W" + k));
        }
        return new Backward(List.of(dEda), List.of(dEdz), grads, d);
    }

    /** Backpropagation of {@code loss} between the output and {@code target}. */
    public Backward backward(Forward fw, Loss loss, DMatrixRMaj target) {
        Shapes.notNull(fw, "fw", "the result of this network's forward pass");
        Shapes.notNull(loss, "loss", "a Loss such as SquaredError");
        return backward(fw, loss.gradient(fw.output(), target));
    }

    private DMatrixRMaj rounded(DMatrixRMaj m) {
        for (int i = 0; i < m.getNumElements(); i++) m.data[i] = round.applyAsDouble(m.data[i]);
        return m;
    }
}
