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
        List<DMatrixRMaj> dJdh = new ArrayList<>();
        for (int t = 0; t < 7; t++) dJdh.add(Init.normal(4, 1, 1.0, rng));
        DMatrixRMaj forward = LstmRecursion.dJdWc(lstm, run, dJdh);
        DMatrixRMaj backward = lstm.backward(run, dJdh).parameters().get("Wc");
        for (int k = 0; k < forward.data.length; k++) assertEquals(backward.data[k], forward.data[k], 1e-12);
    }

    @Test
    void leavingOutTheGateTermsChangesTheGradient() {
        Random rng = new Random(5);
        Lstm lstm = Lstm.init(3, 4, 1.0, rng);
        var run = lstm.forward(RecurrentChecks.randomSequence(3, 1, 6, rng));
        List<DMatrixRMaj> dJdh = new ArrayList<>();
        for (int t = 0; t < 6; t++) dJdh.add(Init.normal(4, 1, 1.0, rng));
        DMatrixRMaj full = LstmRecursion.dJdWc(lstm, run, dJdh), partial = LstmRecursion.dJdWc(lstm, run, dJdh, false);
        double gap = 0;
        for (int k = 0; k < full.data.length; k++) gap = Math.max(gap, Math.abs(full.data[k] - partial.data[k]));
        assertTrue(gap > 1e-4, "gap " + gap);
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
}
