package gradnotes.train;

import gradnotes.grad.GradientCheck;
import gradnotes.nn.Activation;
import gradnotes.nn.Init;
import gradnotes.nn.Linear;
import gradnotes.nn.Recurrent;
import gradnotes.nn.SoftmaxCrossEntropy;
import gradnotes.nn.SquaredError;
import gradnotes.nn.VanillaRnn;
import gradnotes.tasks.DelayedRecall;
import gradnotes.testing.RecurrentChecks;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BpttTest {
    private final Random rng = new Random(21);
    private final VanillaRnn rnn = VanillaRnn.init(2, 3, Activation.TANH, rng);
    private final Linear readout = Linear.init(3, 2, true, rng);
    private final List<DMatrixRMaj> xs = RecurrentChecks.randomSequence(2, 2, 7, rng);
    private final List<DMatrixRMaj> ys = RecurrentChecks.randomSequence(2, 2, 7, rng);

    /** The loss of steps [from, to) when the chunk starts from a fixed state: what a truncated chunk optimises. */
    private double chunkLoss(DMatrixRMaj start, int from, int to) {
        var run = rnn.forward(xs.subList(from, to), start);
        double s = 0;
        for (int t = 1; t <= to - from; t++) s += new SquaredError().value(readout.forward(run.h(t)), ys.get(from + t - 1));
        return s;
    }

    @Test
    void aTruncatedChunkGetsTheGradientOfItsOwnLossWithTheIncomingStateHeldFixed() {
        Bptt bptt = new Bptt(rnn, readout, new SquaredError(), 3);
        Recurrent.Run first = rnn.forward(xs.subList(0, 3));
        DMatrixRMaj carried = first.h(3).copy();
        var c = bptt.chunkGradients(xs.subList(3, 6), ys.subList(3, 6), first);
        assertEquals(chunkLoss(carried, 3, 6), c.loss(), 1e-12);
        var report = GradientCheck.of(() -> chunkLoss(carried, 3, 6), bptt.parameters(), c.gradients());
        assertTrue(report.passed(1e-6), report::toString);
    }

    @Test
    void withATruncationAtLeastTheLengthItIsFullBptt() {
        var full = Bptt.full(rnn, readout, new SquaredError()).chunkGradients(xs, ys, null);
        var report = GradientCheck.of(() -> chunkLoss(new DMatrixRMaj(3, 2), 0, 7),
                Bptt.full(rnn, readout, new SquaredError()).parameters(), full.gradients());
        assertTrue(report.passed(1e-6), report::toString);

        var params = rnn.parameters().copy();
        var pass = new Bptt(rnn, readout, new SquaredError(), 50).train(xs, ys, new Sgd(1e-9), 0);
        assertEquals(1, pass.updates());
        assertEquals(7, pass.storedSteps());
        assertEquals(full.loss(), pass.loss(), 1e-12);
        assertTrue(params.names().equals(rnn.parameters().names()));
    }

    @Test
    void truncationTradesMemoryForUpdates() {
        var pass = new Bptt(rnn, readout, new SquaredError(), 3).train(xs, ys, new Sgd(1e-3), 0);
        assertEquals(3, pass.updates());        // chunks of 3, 3, 1
        assertEquals(3, pass.storedSteps());
        assertEquals(7, pass.outputs().size());
    }

    @Test
    void aDivergingRunStopsAndSaysWhatToDo() {
        VanillaRnn wild = VanillaRnn.init(2, 3, Activation.RELU, new Random(1));
        Linear out = Linear.init(3, 2, true, new Random(2));
        List<DMatrixRMaj> huge = new ArrayList<>();
        for (int t = 0; t < 4; t++) huge.add(Init.constant(2, 1, 1e200));
        var e = assertThrows(IllegalStateException.class, () -> Bptt.full(wild, out, new SquaredError())
                .train(huge, RecurrentChecks.randomSequence(2, 1, 4, new Random(3)), new Sgd(0.1), 0));
        assertTrue(e.getMessage().startsWith("training diverged in the chunk starting at step 1"), e.getMessage());
        assertTrue(e.getMessage().endsWith("clip the gradient or lower the learning rate"));
    }

    @Test
    void aTruncationShorterThanTheLagCannotLearnTheRecallALongerOneCan() {
        DelayedRecall task = new DelayedRecall(4, 6);
        double[] accuracy = new double[2];
        int[] ks = {3, 12};
        for (int i = 0; i < 2; i++) {
            Random r = new Random(1);
            VanillaRnn model = VanillaRnn.init(4, 32, Activation.TANH, r);
            Linear out = Linear.init(32, 4, true, r);
            Bptt bptt = new Bptt(model, out, new SoftmaxCrossEntropy(), ks[i]);
            Adam adam = new Adam(0.01);
            for (int pass = 0; pass < 300; pass++) {
                var b = task.sample(16, 30, r);
                bptt.train(b.inputs(), b.targets(), adam, 5.0);
            }
            var test = task.sample(64, 30, new Random(99));
            accuracy[i] = DelayedRecall.accuracy(bptt.predict(test.inputs()), test.targets());
        }
        assertTrue(accuracy[0] < 0.4, "k = 3 < lag 6 stays near chance (0.25): " + accuracy[0]);
        assertTrue(accuracy[1] > 0.95, "k = 12 > lag 6 learns the recall: " + accuracy[1]);
    }

    @Test
    void mismatchedReadoutIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Bptt(rnn, Linear.init(4, 2, true, rng), new SquaredError(), 3));
        assertEquals("the readout reads 4 numbers but the model's state has 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Bptt(rnn, readout, new SquaredError(), 0));
    }
    @Test
    void aClipNormThatIsNaNOrNegativeIsRefusedNotTakenAsNoClipping() {
        var bptt = new Bptt(rnn, readout, new SquaredError(), 3);
        for (double bad : new double[] {Double.NaN, -1.0, Double.NEGATIVE_INFINITY}) {
            var e = assertThrows(IllegalArgumentException.class, () -> bptt.train(xs, ys, new Sgd(0.01), bad), "clipNorm " + bad);
            assertEquals("clipNorm must be 0 (no clipping) or a finite number above 0, got " + bad, e.getMessage());
        }
        assertEquals(3, bptt.train(xs, ys, new Sgd(0.01), 0).updates());
    }
}
