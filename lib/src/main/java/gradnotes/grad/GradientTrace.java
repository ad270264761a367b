package gradnotes.grad;

import gradnotes.nn.Lstm;
import gradnotes.nn.Parameters;
import gradnotes.nn.Recurrent;
import gradnotes.nn.Shapes;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * How strongly the end of a sequence depends on each earlier step: the picture of vanishing and
 * exploding gradients, for any {@link Recurrent} model. Every method returns a long-format Tablesaw
 * table (columns "t", a value column, "series") so that several models or settings can be appended
 * into one table and drawn as one line each:
 * <pre>{@code
 * Table t = GradientTrace.jacobianNorms(rnn, run, "ρ = 0.9");
 * t.append(GradientTrace.jacobianNorms(gru, gruRun, "GRU"));
 * show(LineChart.of(t, "t", "norm").by("series").logY().build());
 * }</pre>
 */
public final class GradientTrace {
    private GradientTrace() {}

    /**
     * ‖∂h_T/∂h_t‖ (Frobenius norm) for t = 0..T, for the first sequence of the batch. Row i of the
     * Jacobian is ∂(h_T)_i/∂h_t, which is exactly what backpropagating the unit vector e_i from h_T
     * delivers at every step; so the Jacobian costs one backward pass per hidden unit.
     *
     * <p>Cost: n backward passes through the run (n = hiddenSize), about n · T · B · P multiply-adds for P
     * weights; a size that would take hours (above 1e12) is refused with a message naming the cost.
     */
    public static Table jacobianNorms(Recurrent model, Recurrent.Run run, String series) {
        Shapes.notNull(model, "model", "a Recurrent model");
        Shapes.notNull(run, "run", "the run of this model's forward pass");
        Shapes.notNull(series, "series", "a label for the \"series\" column");
        int T = run.length(), n = model.hiddenSize(), batch = run.h0().numCols;
        BackwardPasses.require("jacobianNorms (one backward pass per hidden unit)", n, T, batch, model);
        double[] norms = frobeniusNormsFromUnitVectors(n, batch, T, unit -> {
            var g = model.backward(run, lossAtLastStep(T, unit));
            return t -> t == 0 ? g.dh0() : g.dhs().get(t - 1);
        });
        return table("‖∂h_T/∂h_t‖", norms, 0, series);
    }

    /**
     * ‖∂c_T/∂c_t‖ (Frobenius) for t = 0..T of an LSTM, first sequence of the batch: the whole Jacobian of
     * the last cell with respect to an earlier one, through every path (the direct cell path Π diag(f)
     * and the paths through the hidden states and the gates), with h_t = o_t ∘ tanh(c_t) following c_t.
     * One backward pass per unit, each starting from a unit vector at c_T.
     */
    public static Table cellJacobianNorms(Lstm model, Lstm.Run run, String series) {
        Shapes.notNull(model, "model", "an Lstm");
        Shapes.notNull(run, "run", "the run of this LSTM's forward pass");
        Shapes.notNull(series, "series", "a label for the \"series\" column");
        int T = run.length(), n = model.hiddenSize(), batch = run.h0().numCols;
        BackwardPasses.require("cellJacobianNorms (one backward pass per cell unit)", n, T, batch, model);
        List<DMatrixRMaj> noLoss = new ArrayList<>(Collections.nCopies(T, null));
        double[] norms = frobeniusNormsFromUnitVectors(n, batch, T, unit -> {
            var g = model.backwardWithCells(run, noLoss, unit);
            return t -> t == 0 ? g.dc0() : g.dcs().get(t - 1);
        });
        return table("‖∂c_T/∂c_t‖", norms, 0, series);
    }

    /**
     * The Frobenius norm of ∂z_T/∂z_t for t = 0..T, first sequence of the batch: row i of that Jacobian is
     * what one backward pass from the unit vector e_i at z_T delivers at step t, so the squared norm is
     * the sum over i of those rows' squared entries. {@code pass} runs the backward pass for a unit vector
     * and says what reached each step.
     */
    private static double[] frobeniusNormsFromUnitVectors(int n, int batch, int T,
                                                         Function<DMatrixRMaj, IntFunction<DMatrixRMaj>> pass) {
        double[] squares = new double[T + 1];
        for (int i = 0; i < n; i++) {
            DMatrixRMaj unit = new DMatrixRMaj(n, batch);
            unit.set(i, 0, 1.0);
            IntFunction<DMatrixRMaj> reached = pass.apply(unit);
            for (int t = 0; t <= T; t++) {
                DMatrixRMaj row = reached.apply(t);
                for (int k = 0; k < n; k++) squares[t] += row.get(k, 0) * row.get(k, 0);
            }
        }
        double[] norms = new double[T + 1];
        for (int t = 0; t <= T; t++) norms[t] = Math.sqrt(squares[t]);
        return norms;
    }

    /** ‖∂L/∂h_t‖ for t = 1..T: the total gradient reaching each state, from backpropagation of {@code dLdh}. */
    public static Table stateGradientNorms(Recurrent model, Recurrent.Run run, List<DMatrixRMaj> dLdh, String series) {
        Shapes.notNull(model, "model", "a Recurrent model");
        Shapes.notNull(run, "run", "the run of this model's forward pass");
        Shapes.notNull(series, "series", "a label for the \"series\" column");
        var g = model.backward(run, dLdh);
        double[] norms = new double[run.length()];
        for (int t = 1; t <= run.length(); t++) norms[t - 1] = NormOps_DDRM.normF(g.dhs().get(t - 1));
        return table("‖∂L/∂h_t‖", norms, 1, series);
    }

    /**
     * ‖∂L/∂W‖ for every parameter matrix whose name starts with {@code prefix} (e.g. "W" for the layers
     * W1, W2, … of an MLP), numbered 1, 2, … in order in a column "layer": the picture of gradients
     * vanishing with depth.
     */
    public static Table layerNorms(Parameters gradients, String prefix, String series) {
        Shapes.notNull(gradients, "gradients", "the gradients of a model's parameters");
        Shapes.notNull(prefix, "prefix", "the start of the layers' weight names, e.g. \"W\"");
        Shapes.notNull(series, "series", "a label for the \"series\" column");
        List<String> names = gradients.names().stream().filter(n -> n.startsWith(prefix)).toList();
        if (names.isEmpty()) throw new IllegalArgumentException("no parameter starts with " + prefix + "; there are " + gradients.names());
        int[] layer = new int[names.size()];
        double[] norms = new double[names.size()];
        String[] labels = new String[names.size()];
        for (int i = 0; i < names.size(); i++) {
            layer[i] = i + 1;
            norms[i] = gradients.norm(names.get(i));
            labels[i] = series;
        }
        return Table.create("‖∂L/∂W‖ per layer", IntColumn.create("layer", layer), StringColumn.create("parameter", names.toArray(String[]::new)),
                DoubleColumn.create("norm", norms), StringColumn.create("series", labels));
    }

    /**
     * ‖∂L/∂P‖ (Frobenius) for every parameter P of a model, in the model's order, in columns "parameter",
     * "norm", "series": which weights a loss at the end of a sequence actually moves.
     */
    public static Table parameterNorms(Parameters gradients, String series) {
        Shapes.notNull(gradients, "gradients", "the gradients of a model's parameters");
        Shapes.notNull(series, "series", "a label for the \"series\" column");
        List<String> names = gradients.names();
        if (names.isEmpty()) throw new IllegalArgumentException("there are no gradients to measure");
        double[] norms = new double[names.size()];
        String[] labels = new String[names.size()];
        for (int i = 0; i < names.size(); i++) {
            norms[i] = gradients.norm(names.get(i));
            labels[i] = series;
        }
        return Table.create("‖∂L/∂P‖ per parameter", StringColumn.create("parameter", names.toArray(String[]::new)),
                DoubleColumn.create("norm", norms), StringColumn.create("series", labels));
    }

    /** A loss gradient that reaches only the last state: every step before T contributes nothing directly. */
    public static List<DMatrixRMaj> lossAtLastStep(int T, DMatrixRMaj dLdhT) {
        Shapes.positive(T, "T");
        Shapes.notNull(dLdhT, "dLdhT", "the gradient reaching h_T");
        Shapes.finite(dLdhT, "dLdhT");
        List<DMatrixRMaj> dLdh = new ArrayList<>(Collections.nCopies(T, null));
        dLdh.set(T - 1, dLdhT);
        return dLdh;
    }

    private static Table table(String title, double[] values, int firstT, String series) {
        int[] ts = new int[values.length];
        String[] labels = new String[values.length];
        for (int i = 0; i < values.length; i++) { ts[i] = firstT + i; labels[i] = series; }
        return Table.create(title, IntColumn.create("t", ts), DoubleColumn.create("norm", values),
                StringColumn.create("series", labels));
    }
}
