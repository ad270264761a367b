package gradnotes.tasks;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelayedRecallTest {
    @Test
    void theTargetIsTheInputLagStepsBefore() {
        var b = new DelayedRecall(5, 3).sample(4, 10, new Random(1));
        for (int t = 0; t < 3; t++) assertNull(b.targets().get(t));
        for (int t = 3; t < 10; t++)
            assertTrue(MatrixFeatures_DDRM.isIdentical(b.inputs().get(t - 3), b.targets().get(t), 0.0), "t = " + t);
        assertEquals(4.0, org.ejml.dense.row.CommonOps_DDRM.elementSum(b.inputs().get(0)), 0.0);   // one-hot columns
    }

    @Test
    void sameSeedSameBatch() {
        var a = new DelayedRecall(3, 2).sample(2, 6, new Random(7));
        var b = new DelayedRecall(3, 2).sample(2, 6, new Random(7));
        for (int t = 0; t < 6; t++)
            assertTrue(MatrixFeatures_DDRM.isIdentical(a.inputs().get(t), b.inputs().get(t), 0.0));
    }

    @Test
    void accuracyCountsOnlyStepsWithATarget() {
        DMatrixRMaj right = new DMatrixRMaj(2, 1, true, 1, 0), wrong = new DMatrixRMaj(2, 1, true, 0, 1);
        assertEquals(0.5, DelayedRecall.accuracy(List.of(wrong, right, wrong),
                java.util.Arrays.asList(null, right, right)), 0.0);
    }

    @Test
    void badSettingsAreNamed() {
        assertEquals("the task needs at least 2 symbols, got 1",
                assertThrows(IllegalArgumentException.class, () -> new DelayedRecall(1, 2)).getMessage());
        assertEquals("a sequence of 3 steps has nothing to recall at lag 3",
                assertThrows(IllegalArgumentException.class, () -> new DelayedRecall(2, 3).sample(1, 3, new Random(1))).getMessage());
    }
}
