package gradnotes.tasks;

import gradnotes.nn.Shapes;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The adding problem (Hochreiter and Schmidhuber, 1997): each step carries a random number in [0, 1]
 * and a marker; exactly two steps are marked, and the only target, at the last step, is the sum of the
 * two marked numbers. The first mark falls in the first {@code span} steps, so the answer depends on
 * inputs at least T − span steps back. Always predicting the mean sum (1) gives a squared error of about 1/6.
 */
public final class AddingProblem {
    public final int steps, span;

    public AddingProblem(int steps, int span) {
        this.steps = Shapes.positive(steps, "steps");
        if (steps < 2) throw new IllegalArgumentException("the adding problem needs at least 2 steps, got " + steps);
        if (span < 1 || span >= steps) throw new IllegalArgumentException("span must be in 1.." + (steps - 1) + ", got " + span);
        this.span = span;
    }

    /** Inputs x_t = (number, marker) as 2 × batch columns; targets null except the last, 1 × batch. */
    public record Batch(List<DMatrixRMaj> inputs, List<DMatrixRMaj> targets) {}

    public Batch sample(int batch, Random rng) {
        Shapes.positive(batch, "batch");
        List<DMatrixRMaj> xs = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            DMatrixRMaj x = new DMatrixRMaj(2, batch);
            for (int b = 0; b < batch; b++) x.set(0, b, rng.nextDouble());
            xs.add(x);
        }
        DMatrixRMaj sum = new DMatrixRMaj(1, batch);
        for (int b = 0; b < batch; b++) {
            int first = rng.nextInt(span), second = span + rng.nextInt(steps - span);
            xs.get(first).set(1, b, 1.0);
            xs.get(second).set(1, b, 1.0);
            sum.set(0, b, xs.get(first).get(0, b) + xs.get(second).get(0, b));
        }
        List<DMatrixRMaj> ys = new ArrayList<>(java.util.Collections.nCopies(steps, null));
        ys.set(steps - 1, sum);
        return new Batch(List.copyOf(xs), java.util.Collections.unmodifiableList(ys));
    }
}
