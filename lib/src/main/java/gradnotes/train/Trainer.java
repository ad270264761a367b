package gradnotes.train;

import gradnotes.nn.Parameters;
import gradnotes.nn.Shapes;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.io.PrintStream;
import java.util.function.IntFunction;

/**
 * A small, deterministic training loop for any model: at every step it asks for the loss and the
 * gradients, optionally clips them, lets the optimizer update the parameters, and records loss and
 * gradient norm. The randomness (data, initialisation) lives in the caller's seeded {@code Random},
 * so the same seed gives the same curve on every run.
 *
 * <pre>{@code
 * Table curve = new Trainer(model.parameters(), new Adam(0.01)).clipNorm(5).label("Adam")
 *         .run(500, step -> { var b = data.sample(rng); ...; return new Trainer.Evaluation(loss, grads); });
 * }</pre>
 */
public final class Trainer {
    /** The loss at the current parameters and its gradients (named as the parameters). */
    public record Evaluation(double loss, Parameters gradients) {}

    private final Parameters parameters;
    private final Optimizer optimizer;
    private double clipNorm;
    private String label = "";
    private PrintStream progress;

    public Trainer(Parameters parameters, Optimizer optimizer) {
        this.parameters = Shapes.notNull(parameters, "parameters", "the parameters to train");
        this.optimizer = Shapes.notNull(optimizer, "optimizer", "an Optimizer such as Adam");
    }

    /** Clip the gradient to this global norm before each update. */
    public Trainer clipNorm(double maxNorm) { this.clipNorm = Shapes.positive(maxNorm, "maximum norm"); return this; }

    /** The value of the "series" column, to tell runs apart in one plot. */
    public Trainer label(String label) { this.label = Shapes.notNull(label, "label", "a name (\"\" for none)"); return this; }

    /** Print a progress line to {@code out} ten times per run. */
    public Trainer progress(PrintStream out) { this.progress = Shapes.notNull(out, "out", "a PrintStream such as System.out"); return this; }

    /**
     * Runs {@code steps} updates. Stops with an {@link IllegalStateException} naming the step when the loss
     * or the gradient stops being a finite number.
     *
     * @return one row per step: "step", "loss", "grad norm" (before clipping), "series"
     */
    public Table run(int steps, IntFunction<Evaluation> evaluate) {
        Shapes.positive(steps, "steps");
        Shapes.notNull(evaluate, "evaluate", "a function from the step number to the loss and gradients there");
        IntColumn step = IntColumn.create("step");
        DoubleColumn loss = DoubleColumn.create("loss"), norm = DoubleColumn.create("grad norm");
        long started = System.nanoTime();
        for (int k = 1; k <= steps; k++) {
            Evaluation e = evaluate.apply(k);
            if (e == null || e.gradients() == null)
                throw new IllegalArgumentException("evaluate gave " + (e == null ? "null" : "no gradients") + " at step " + k
                        + ", expected an Evaluation with the loss and the gradients named as the parameters");
            parameters.requireSameLayout(e.gradients(), "the gradients evaluate gave");
            double g = e.gradients().norm();
            if (!Double.isFinite(e.loss()) || !Double.isFinite(g))
                throw new IllegalStateException("training diverged at step " + k + " (loss " + e.loss() + ", gradient norm " + g
                        + "), where both must be finite numbers: clip the gradient or lower the learning rate");
            if (clipNorm > 0) Clipping.byNorm(e.gradients(), clipNorm);
            optimizer.step(parameters, e.gradients());
            step.append(k);
            loss.append(e.loss());
            norm.append(g);
            if (progress != null && (k % Math.max(1, steps / 10) == 0 || k == steps))
                progress.printf("%s step %d/%d  loss %.4g  gradient norm %.3g  (%.1f s)%n", label.isEmpty() ? "" : label + ":",
                        k, steps, e.loss(), g, (System.nanoTime() - started) / 1e9);
        }
        String[] labels = new String[steps];
        java.util.Arrays.fill(labels, label);
        return Table.create("training" + (label.isEmpty() ? "" : ": " + label), step, loss, norm, StringColumn.create("series", labels));
    }
}
