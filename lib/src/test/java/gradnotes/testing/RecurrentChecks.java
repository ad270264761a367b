package gradnotes.testing;

import gradnotes.grad.GradientCheck;
import gradnotes.nn.Init;
import gradnotes.nn.Parameters;
import gradnotes.nn.Recurrent;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Finite-difference checks for any {@link Recurrent}: the loss is L = Σ_t Σ (h_t ∘ G_t) for fixed
 * random G_t (so every state and every step matters), and the check covers every parameter and
 * every input x_t.
 */
public final class RecurrentChecks {
    private RecurrentChecks() {}

    public static List<DMatrixRMaj> randomSequence(int rows, int batch, int steps, Random rng) {
        List<DMatrixRMaj> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) xs.add(Init.normal(rows, batch, 1.0, rng));
        return xs;
    }

    public static double loss(Recurrent model, List<DMatrixRMaj> xs, List<DMatrixRMaj> G) {
        Recurrent.Run run = model.forward(xs);
        double s = 0;
        for (int t = 1; t <= run.length(); t++) {
            DMatrixRMaj h = run.h(t), g = G.get(t - 1);
            for (int i = 0; i < h.getNumElements(); i++) s += h.data[i] * g.data[i];
        }
        return s;
    }

    /**
     * Runs {@code model} on the fixture's inputs x_t and loss weights G_t and requires its states h_t,
     * its input gradients dx_t and, for every parameter P, its gradient dP to match the fixture.
     */
    public static void assertMatchesReference(Recurrent model, Reference ref, double tolerance) {
        List<DMatrixRMaj> xs = new ArrayList<>(), G = new ArrayList<>();
        for (int t = 1; ref.has("x_" + t); t++) {
            xs.add(ref.get("x_" + t));
            G.add(ref.get("G_" + t));
        }
        Recurrent.Run run = model.forward(xs);
        for (int t = 1; t <= xs.size(); t++) assertClose(ref.get("h_" + t), run.h(t), tolerance, "h_" + t);
        Recurrent.SequenceGradients g = model.backward(run, G);
        for (String p : g.parameters().names()) assertClose(ref.get("d" + p), g.parameters().get(p), tolerance, "d" + p);
        for (int t = 1; t <= xs.size(); t++) assertClose(ref.get("dx_" + t), g.dxs().get(t - 1), tolerance, "dx_" + t);
    }

    private static void assertClose(DMatrixRMaj expected, DMatrixRMaj actual, double tolerance, String what) {
        if (!org.ejml.dense.row.MatrixFeatures_DDRM.isIdentical(expected, actual, tolerance))
            throw new AssertionError(what + " differs from the reference:\nexpected " + expected + "\nactual " + actual);
    }

    /** Checks ∂L/∂W for every parameter and ∂L/∂x_t for every step. */
    public static GradientCheck.Report check(Recurrent model, int batch, int steps, Random rng) {
        return check(model, randomSequence(model.inputSize(), batch, steps, rng), rng);
    }

    /** As {@link #check(Recurrent, int, int, Random)} on given inputs (e.g. all zero), with random G_t. */
    public static GradientCheck.Report check(Recurrent model, List<DMatrixRMaj> xs, Random rng) {
        int batch = xs.get(0).numCols, steps = xs.size();
        List<DMatrixRMaj> G = randomSequence(model.hiddenSize(), batch, steps, rng);
        Recurrent.SequenceGradients g = model.backward(model.forward(xs), G);

        Parameters wrt = new Parameters().addAll("", model.parameters());
        Parameters analytic = new Parameters().addAll("", g.parameters());
        for (int t = 1; t <= steps; t++) {
            wrt.add("x_" + t, xs.get(t - 1));
            analytic.add("x_" + t, g.dxs().get(t - 1));
        }
        return GradientCheck.of(() -> loss(model, xs, G), wrt, analytic);
    }
}
