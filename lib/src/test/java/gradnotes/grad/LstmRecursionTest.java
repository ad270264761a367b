package gradnotes.grad;

import gradnotes.nn.Init;
import gradnotes.nn.Lstm;
import gradnotes.testing.RecurrentChecks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LstmRecursionTest {

    @Test
    void theForwardRecursionAgreesWithBptt() {
        Random rng = new Random(3);
        Lstm lstm = Lstm.init(3, 4, 1.0, rng);
        var xs = RecurrentChecks.randomSequence(3, 1, 7, rng);
        var run = lstm.forward(xs);
        List<DMatrixRMaj> dJdh = localGradients(4, 7, rng);
        DMatrixRMaj forward = LstmRecursion.dJdWc(lstm, run, dJdh);
        DMatrixRMaj backward = lstm.backward(run, dJdh).parameters().get("Wc");
        for (int k = 0; k < forward.data.length; k++) assertEquals(backward.data[k], forward.data[k], 1e-12);
    }

    @Test
    void leavingOutTheGateTermsChangesTheGradient() {
        Random rng = new Random(5);
        Lstm lstm = Lstm.init(3, 4, 1.0, rng);
        var run = lstm.forward(RecurrentChecks.randomSequence(3, 1, 6, rng));
        List<DMatrixRMaj> dJdh = localGradients(4, 6, rng);
        DMatrixRMaj full = LstmRecursion.dJdWc(lstm, run, dJdh), partial = LstmRecursion.dJdWc(lstm, run, dJdh, LstmRecursion.Terms.WITHOUT_GATE_TERMS);
        double gap = 0;
        for (int k = 0; k < full.data.length; k++) gap = Math.max(gap, Math.abs(full.data[k] - partial.data[k]));
        assertTrue(gap > 1e-4, "gap " + gap);
    }

    @Test
    void theCellPathAloneIsTheRecursionWithFrozenStates() {
        Random rng = new Random(8);
        Lstm lstm = Lstm.init(2, 3, 1.0, rng);
        var run = lstm.forward(RecurrentChecks.randomSequence(2, 1, 4, rng));
        List<DMatrixRMaj> dJdh = localGradients(3, 4, rng);
        DMatrixRMaj cellOnly = LstmRecursion.dJdWc(lstm, run, dJdh, LstmRecursion.Terms.CELL_PATH_ONLY);
        // by hand for entry (a, b) = (1, 0): dC_t = f_t dC_{t-1} + i_t (1 - C̃_t²) x_t[0] on unit 1 only
        double dC = 0, sum = 0;
        for (int t = 1; t <= 4; t++) {
            var s = run.step(t);
            double ct = s.cTilde().get(1, 0), o = s.o().get(1, 0), tc = s.tanhC().get(1, 0);
            dC = s.f().get(1, 0) * dC + s.i().get(1, 0) * (1 - ct * ct) * s.x().get(0, 0);
            sum += dJdh.get(t - 1).get(1, 0) * o * (1 - tc * tc) * dC;
        }
        assertEquals(sum, cellOnly.get(1, 0), 1e-14);
    }

    @Test
    void aBatchOrAWrongLengthIsRefused() {
        Random rng = new Random(6);
        Lstm lstm = Lstm.init(2, 3, 1.0, rng);
        var batchRun = lstm.forward(RecurrentChecks.randomSequence(2, 2, 3, rng));
        var e = assertThrows(IllegalArgumentException.class, () -> LstmRecursion.dJdWc(lstm, batchRun, List.of()));
        assertTrue(e.getMessage().contains("batch 2"), e.getMessage());
        var run = lstm.forward(RecurrentChecks.randomSequence(2, 1, 3, rng));
        e = assertThrows(IllegalArgumentException.class, () -> LstmRecursion.dJdWc(lstm, run, List.of(new DMatrixRMaj(3, 1))));
        assertTrue(e.getMessage().contains("1 steps but the run has 3"), e.getMessage());
    }

    /** A random ∂J/∂h_t at every one of T steps, for an LSTM of n units. */
    private static List<DMatrixRMaj> localGradients(int n, int T, Random rng) {
        List<DMatrixRMaj> dJdh = new ArrayList<>();
        for (int t = 0; t < T; t++) dJdh.add(Init.normal(n, 1, 1.0, rng));
        return dJdh;
    }
}
