package gradnotes.train;

import gradnotes.nn.Linear;
import gradnotes.nn.Loss;
import gradnotes.nn.Parameters;
import gradnotes.nn.Recurrent;
import gradnotes.nn.Shapes;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Training a recurrent model with a readout, ŷ_t = W_y h_t + b_y, on a sequence with a target at
 * every step (a null target means no loss there), by backpropagation through time, full or truncated.
 *
 * <p>Truncated BPTT with length k cuts the sequence into chunks of k steps. Each chunk starts from the
 * state the previous chunk ended in (the forward pass is unbroken), but its backward pass stops at
 * the chunk's start, and the weights are updated after every chunk. Two gains: only k steps of
 * intermediates are stored at a time instead of T, and a sequence yields ⌈T/k⌉ updates instead of 1.
 * The price: no gradient ever connects a target to an input more than k − 1 steps before it (fewer,
 * near the start of a chunk), so such a dependency cannot be learned. k ≥ T is full BPTT.
 */
public final class Bptt {
    private final Recurrent model;
    private final Linear readout;
    private final Loss loss;
    private final int k;
    private final Parameters parameters;

    /**
     * @param truncation k, the chunk length; {@link Integer#MAX_VALUE} for full BPTT
     */
    public Bptt(Recurrent model, Linear readout, Loss loss, int truncation) {
        Shapes.notNull(model, "model", "a Recurrent model");
        Shapes.notNull(readout, "readout", "a Linear layer reading the model's state");
        Shapes.notNull(loss, "loss", "a Loss such as SoftmaxCrossEntropy");
        if (readout.in() != model.hiddenSize())
            throw new IllegalArgumentException("the readout reads " + readout.in() + " numbers but the model's state has " + model.hiddenSize());
        this.model = model;
        this.readout = readout;
        this.loss = loss;
        this.k = Shapes.positive(truncation, "truncation length k");
        this.parameters = new Parameters().addAll("rnn.", model.parameters()).addAll("readout.", readout.parameters());
    }

    /** Full BPTT: one chunk per sequence. */
    public static Bptt full(Recurrent model, Linear readout, Loss loss) { return new Bptt(model, readout, loss, Integer.MAX_VALUE); }

    /** Every trainable matrix, model then readout, by reference. */
    public Parameters parameters() { return parameters; }

    /** What one pass over a sequence did. */
    public record Pass(double loss, List<DMatrixRMaj> outputs, int updates, int storedSteps, double largestGradientNorm) {}

    /** What the gradient of one chunk is, without updating anything. */
    public record ChunkGradients(Recurrent.Run run, List<DMatrixRMaj> outputs, double loss, Parameters gradients) {}

    /** Forward over a chunk from the end of {@code previous} (null: zero state), and backward within it. */
    public ChunkGradients chunkGradients(List<DMatrixRMaj> xs, List<DMatrixRMaj> targets, Recurrent.Run previous) {
        requireTargets(xs, targets);
        Recurrent.Run run = previous == null ? model.forward(xs) : model.forward(xs, previous);
        Parameters readoutGrads = readout.parameters().zerosLike();
        List<DMatrixRMaj> outputs = new ArrayList<>(xs.size()), dLdh = new ArrayList<>(xs.size());
        double total = 0;
        for (int t = 1; t <= xs.size(); t++) {
            if (!finite(run.h(t)))
                throw new IllegalStateException("training diverged: the state h_" + t + " of the chunk is not finite, where it must be: clip the gradient or lower the learning rate");
            DMatrixRMaj y = readout.forward(run.h(t));
            outputs.add(y);
            DMatrixRMaj target = targets.get(t - 1);
            if (target == null) { dLdh.add(null); continue; }
            total += loss.value(y, target);
            dLdh.add(readout.backward(run.h(t), loss.gradient(y, target), readoutGrads));
        }
        Parameters grads = new Parameters().addAll("rnn.", model.backward(run, dLdh).parameters()).addAll("readout.", readoutGrads);
        return new ChunkGradients(run, outputs, total, grads);
    }

    /**
     * One pass over a sequence: chunks of k steps, an update after each. When {@code clipNorm} is
     * positive, each chunk's gradient is clipped to that global norm first; 0 means no clipping.
     */
    public Pass train(List<DMatrixRMaj> xs, List<DMatrixRMaj> targets, Optimizer optimizer, double clipNorm) {
        requireTargets(xs, targets);
        requireInputs(xs);
        Shapes.notNull(optimizer, "optimizer", "an Optimizer such as Adam");
        if (clipNorm != 0 && !(clipNorm > 0 && clipNorm < Double.POSITIVE_INFINITY))
            throw new IllegalArgumentException("clipNorm must be 0 (no clipping) or a finite number above 0, got " + clipNorm);
        int T = xs.size(), updates = 0;
        double total = 0, largest = 0;
        List<DMatrixRMaj> outputs = new ArrayList<>(T);
        Recurrent.Run previous = null;
        for (int start = 0; start < T; start += Math.min(k, T)) {
            int end = (int) Math.min((long) start + k, T);
            ChunkGradients c = chunkGradients(xs.subList(start, end), targets.subList(start, end), previous);
            double norm = c.gradients().norm();
            if (!Double.isFinite(c.loss()) || !Double.isFinite(norm))
                throw new IllegalStateException("training diverged in the chunk starting at step " + (start + 1)
                        + " (loss " + c.loss() + ", gradient norm " + norm + "): clip the gradient or lower the learning rate");
            largest = Math.max(largest, norm);
            if (clipNorm > 0) Clipping.byNorm(c.gradients(), clipNorm);
            optimizer.step(parameters, c.gradients());
            updates++;
            total += c.loss();
            outputs.addAll(c.outputs());
            previous = c.run();
        }
        return new Pass(total, outputs, updates, Math.min(k, T), largest);
    }

    private static boolean finite(DMatrixRMaj m) {
        for (int i = 0, n = m.getNumElements(); i < n; i++) if (!Double.isFinite(m.data[i])) return false;
        return true;
    }

    /** Requires every x_t to be a finite {@code inputSize × B} matrix, with the same B throughout. */
    private void requireInputs(List<DMatrixRMaj> xs) {
        int batch = xs.get(0).numCols;
        for (int t = 1; t <= xs.size(); t++) {
            Shapes.require(xs.get(t - 1), "x_" + t, model.inputSize(), batch);
            Shapes.finite(xs.get(t - 1), "x_" + t);
        }
    }

    /** Requires a target (or null, for no loss) per step of a non-empty sequence, each fitting the readout. */
    private void requireTargets(List<DMatrixRMaj> xs, List<DMatrixRMaj> targets) {
        Shapes.nonEmpty(xs, "xs");
        Shapes.notNull(targets, "targets", "one target (or null for none) per step, " + xs.size() + " steps");
        if (targets.size() != xs.size())
            throw new IllegalArgumentException("xs has " + xs.size() + " steps but targets has " + targets.size());
        int batch = Shapes.notNull(xs.get(0), "x_1", "a " + model.inputSize() + "×B matrix").numCols;
        for (int t = 1; t <= targets.size(); t++) {
            DMatrixRMaj y = targets.get(t - 1);
            if (y == null) continue;
            Shapes.require(y, "target_" + t, readout.out(), batch);
            Shapes.finite(y, "target_" + t);
        }
    }

    /** The readout's outputs over a whole sequence with the current weights (no training). */
    public List<DMatrixRMaj> predict(List<DMatrixRMaj> xs) {
        Recurrent.Run run = model.forward(xs);
        List<DMatrixRMaj> out = new ArrayList<>(xs.size());
        for (int t = 1; t <= xs.size(); t++) out.add(readout.forward(run.h(t)));
        return out;
    }
}
