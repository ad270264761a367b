package gradnotes.tasks;

import gradnotes.nn.Shapes;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A task whose only difficulty is distance in time: the input is a stream of random symbols, and
 * the target at step t is the symbol seen {@code lag} steps earlier. Nothing else is needed to solve
 * it, so a model that fails does so because the gradient cannot connect the target to the input.
 * Symbols are one-hot columns; a batch of independent sequences sits side by side.
 */
public final class DelayedRecall {
    public final int symbols, lag;

    public DelayedRecall(int symbols, int lag) {
        if (symbols < 2) throw new IllegalArgumentException("the task needs at least 2 symbols, got " + symbols);
        this.symbols = symbols;
        this.lag = Shapes.positive(lag, "lag");
    }

    /**
     * One batch: inputs x_1..x_T ({@code symbols × batch}, one-hot) and targets, where target t is
     * x_{t−lag}, or {@code null} for the first {@code lag} steps (there is nothing to recall yet).
     */
    public record Batch(List<DMatrixRMaj> inputs, List<DMatrixRMaj> targets) {
        public int length() { return inputs.size(); }
    }

    public Batch sample(int batch, int steps, Random rng) {
        Shapes.positive(batch, "batch");
        if (steps <= lag) throw new IllegalArgumentException("a sequence of " + steps + " steps has nothing to recall at lag " + lag);
        int[][] symbol = new int[steps][batch];
        List<DMatrixRMaj> xs = new ArrayList<>(steps), ys = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            DMatrixRMaj x = new DMatrixRMaj(symbols, batch);
            for (int b = 0; b < batch; b++) {
                symbol[t][b] = rng.nextInt(symbols);
                x.set(symbol[t][b], b, 1.0);
            }
            xs.add(x);
            if (t < lag) { ys.add(null); continue; }
            DMatrixRMaj y = new DMatrixRMaj(symbols, batch);
            for (int b = 0; b < batch; b++) y.set(symbol[t - lag][b], b, 1.0);
            ys.add(y);
        }
        return new Batch(List.copyOf(xs), java.util.Collections.unmodifiableList(ys));
    }

    /** Chance level: the accuracy of guessing. */
    public double chance() { return 1.0 / symbols; }

    /** Fraction of (step, sequence) pairs with a target where the largest output is the right symbol. */
    public static double accuracy(List<DMatrixRMaj> outputs, List<DMatrixRMaj> targets) {
        int right = 0, total = 0;
        for (int t = 0; t < targets.size(); t++) {
            DMatrixRMaj y = targets.get(t), o = outputs.get(t);
            if (y == null) continue;
            for (int b = 0; b < y.numCols; b++) {
                int best = 0, truth = 0;
                for (int i = 1; i < o.numRows; i++) if (o.get(i, b) > o.get(best, b)) best = i;
                for (int i = 1; i < y.numRows; i++) if (y.get(i, b) > y.get(truth, b)) truth = i;
                right += best == truth ? 1 : 0;
                total++;
            }
        }
        return total == 0 ? 0 : (double) right / total;
    }
}
