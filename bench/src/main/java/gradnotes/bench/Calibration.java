package gradnotes.bench;

import gradnotes.nn.EncoderDecoder;
import gradnotes.nn.Gru;
import gradnotes.nn.Linear;
import gradnotes.nn.Recurrent;
import gradnotes.nn.SoftmaxCrossEntropy;
import gradnotes.train.Adam;
import gradnotes.train.Clipping;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How fast this machine is right now, in two fixed pieces of work, so that suite timings taken on
 * different days can be set side by side ({@code bench/notebooks.sh} runs it before and after the
 * suite). The machine's speed drifts by tens of percent from one day, or hour, to the next.
 * <ul>
 *   <li>a scalar loop: one core's integer speed, which two threads double;</li>
 *   <li>a small model's training in this fresh JVM, as a notebook cell runs one: a GRU encoder-decoder
 *       with attention (16 units, 5 symbols) learning to reverse 8 symbols, 3000 examples. Its first
 *       1000 examples include the JIT's warm-up, its last 1000 come after 2000 examples of it.
 *       It runs the library as well, so between versions of the library only the loop compares.</li>
 * </ul>
 * The last loss is printed as well: the same number every time shows that the same work was timed.
 * Usage: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar gradnotes.bench.Calibration}.
 */
public final class Calibration {
    private static final int SYMBOLS = 5, LENGTH = 8, EXAMPLES = 3000, PART = 1000;
    private static final long LOOP = 400_000_000L;

    private Calibration() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        long x = loop(LOOP);
        double loopSeconds = (System.nanoTime() - start) / 1e9;
        Training t = train();
        System.out.printf("calibration: scalar loop %.2f s; small-model training %.2f s for the first %d examples"
                        + " (JIT warm-up included), %.1f µs per example over the last %d (last loss %.6f, check %d)%n",
                loopSeconds, t.firstSeconds, PART, t.lastMicrosPerExample, PART, t.lastLoss, x & 0xff);
    }

    /** A linear congruential generator, scrambled: no memory traffic, no vector work. */
    static long loop(long n) {
        long x = 1;
        for (long i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 17;
        }
        return x;
    }

    record Training(double firstSeconds, double lastMicrosPerExample, double lastLoss) {}

    static Training train() {
        Random rng = new Random(1);
        Recurrent encoder = Gru.init(SYMBOLS, 16, rng), decoder = Gru.init(SYMBOLS, 16, rng);
        EncoderDecoder model = EncoderDecoder.withAttention(encoder, decoder, Linear.init(32, SYMBOLS, true, rng));
        Adam adam = new Adam(0.003);
        double firstSeconds = 0, lastLoss = 0;
        long start = System.nanoTime(), lastStart = 0;
        for (int n = 1; n <= EXAMPLES; n++) {
            if (n == PART + 1) firstSeconds = (System.nanoTime() - start) / 1e9;
            if (n == EXAMPLES - PART + 1) lastStart = System.nanoTime();
            int[] source = rng.ints(LENGTH, 1, SYMBOLS).toArray(), target = new int[LENGTH];
            for (int i = 0; i < LENGTH; i++) target[i] = source[LENGTH - 1 - i];
            List<DMatrixRMaj> xs = new ArrayList<>(LENGTH);
            for (int k : source) xs.add(SoftmaxCrossEntropy.oneHot(k, SYMBOLS));
            EncoderDecoder.Result result = model.forward(xs, target, 0);
            lastLoss = model.loss(result, target);
            var grads = model.backward(result, target).parameters();
            Clipping.byNorm(grads, 5);
            adam.step(model.parameters(), grads);
        }
        double lastMicros = (System.nanoTime() - lastStart) / 1e3 / PART;
        return new Training(firstSeconds, lastMicros, lastLoss);
    }
}
