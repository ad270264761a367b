package gradnotes.grad;

import gradnotes.nn.Activation;
import gradnotes.nn.Init;
import gradnotes.nn.Recurrent;
import gradnotes.nn.VanillaRnn;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The Jacobian tools backpropagate once per row; a size that would run for hours is refused before any work. */
class JacobianCostTest {
    /** A run that only says how long it is: the cost is decided from the sizes alone, before any backward pass. */
    private static Recurrent.Run runOfLength(int T, int n) {
        return new Recurrent.Run() {
            @Override public int length() { return T; }
            @Override public List<DMatrixRMaj> hs() { throw new AssertionError("the run's states are not read before the cost is checked"); }
            @Override public DMatrixRMaj h0() { return new DMatrixRMaj(n, 1); }
        };
    }

    @Test
    void jacobianNormsRefusesHoursOfBackwardPassesAndNamesTheCost() {
        var rnn = VanillaRnn.init(1, 400, Activation.TANH, new Random(1));     // 160,800 weights
        var e = assertThrows(IllegalArgumentException.class, () -> GradientTrace.jacobianNorms(rnn, runOfLength(20_000, 400), "big"));
        assertEquals("jacobianNorms (one backward pass per hidden unit) needs 400 backward passes through T = 20000 steps (batch 1)"
                + " of a model with 160800 weights: about 1.3e+12 multiply-adds, which would run for hours (the limit is 1e+12);"
                + " use a shorter sequence or fewer hidden units", e.getMessage());
    }

    @Test
    void sensitivityRefusesHoursOfBackwardPassesAndNamesTheCost() {
        var rnn = VanillaRnn.init(10, 50, Activation.TANH, new Random(2));     // 3,050 weights
        List<DMatrixRMaj> xs = Collections.nCopies(3000, Init.normal(10, 1, 1.0, new Random(3)));
        var e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(IllegalArgumentException.class, () -> Jacobians.sensitivity(rnn, xs)));
        assertEquals("sensitivity (one backward pass per hidden unit and step) needs 150000 backward passes through T = 3000 steps"
                + " (batch 1) of a model with 3050 weights: about 1.4e+12 multiply-adds, which would run for hours (the limit is 1e+12);"
                + " use a shorter sequence or fewer hidden units", e.getMessage());
        // the same model over a sequence a tenth as long is well within the limit, and computed
        assertEquals(300, Jacobians.sensitivity(VanillaRnn.init(10, 5, Activation.TANH, new Random(2)), xs.subList(0, 300)).numRows);
    }
}
