package gradnotes.train;

import gradnotes.nn.Parameters;
import gradnotes.tasks.AddingProblem;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    /** E(w) = Σ (w_i − c_i)² on noisy targets c, minimised by gradient descent. */
    private static tech.tablesaw.api.Table fit(long seed, ByteArrayOutputStream out) {
        DMatrixRMaj w = new DMatrixRMaj(3, 1);
        Parameters p = new Parameters().add("w", w);
        Random rng = new Random(seed);
        return new Trainer(p, new Sgd(0.1)).label("sgd").progress(new PrintStream(out, true)).run(50, k -> {
            double loss = 0;
            DMatrixRMaj g = new DMatrixRMaj(3, 1);
            for (int i = 0; i < 3; i++) {
                double c = (i + 1) + 0.01 * rng.nextGaussian(), e = w.get(i, 0) - c;
                loss += e * e;
                g.set(i, 0, 2 * e);
            }
            return new Trainer.Evaluation(loss, new Parameters().add("w", g));
        });
    }

    @Test
    void trainsRecordsAndReportsTenTimes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var curve = fit(1, out);
        assertEquals(50, curve.rowCount());
        assertTrue(curve.doubleColumn("loss").get(49) < 1e-3 * curve.doubleColumn("loss").get(0));
        assertEquals(10, out.toString().lines().count());
        assertTrue(out.toString().lines().findFirst().orElse("").startsWith("sgd: step 5/50"));
    }

    @Test
    void theSameSeedGivesTheSameCurve() {
        var a = fit(7, new ByteArrayOutputStream()).doubleColumn("loss").asDoubleArray();
        var b = fit(7, new ByteArrayOutputStream()).doubleColumn("loss").asDoubleArray();
        assertTrue(java.util.Arrays.equals(a, b));
    }

    @Test
    void divergenceStopsWithTheStep() {
        DMatrixRMaj w = new DMatrixRMaj(1, 1, true, 1.0);
        Parameters p = new Parameters().add("w", w);
        var e = assertThrows(IllegalStateException.class, () -> new Trainer(p, new Sgd(10)).run(100, k ->
                new Trainer.Evaluation(Math.pow(w.get(0, 0), 4), new Parameters().add("w", new DMatrixRMaj(1, 1, true, 4 * Math.pow(w.get(0, 0), 3))))));
        assertTrue(e.getMessage().matches("training diverged at step \\d+ .*clip the gradient or lower the learning rate"), e.getMessage());
    }

    @Test
    void theAddingProblemMarksTwoNumbersAndAsksForTheirSum() {
        var b = new AddingProblem(20, 5).sample(3, new Random(2));
        for (int j = 0; j < 3; j++) {
            double sum = 0;
            int marks = 0, firstMark = -1;
            for (int t = 0; t < 20; t++)
                if (b.inputs().get(t).get(1, j) == 1.0) { marks++; sum += b.inputs().get(t).get(0, j); if (firstMark < 0) firstMark = t; }
            assertEquals(2, marks);
            assertTrue(firstMark < 5);
            assertEquals(sum, b.targets().get(19).get(0, j), 0.0);
        }
        assertEquals(null, b.targets().get(18));
        assertThrows(IllegalArgumentException.class, () -> new AddingProblem(10, 10));
    }
}
