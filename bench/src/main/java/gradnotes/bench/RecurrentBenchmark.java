package gradnotes.bench;

import gradnotes.nn.Activation;
import gradnotes.nn.Gru;
import gradnotes.nn.Init;
import gradnotes.nn.Lstm;
import gradnotes.nn.Recurrent;
import gradnotes.nn.VanillaRnn;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Forward pass plus full backpropagation through time, with a loss gradient at every step, for the
 * three recurrent models at the sizes of the performance targets (B = batch, T = steps,
 * N = input size = hidden size).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RecurrentBenchmark {
    @Param({"rnn", "gru", "lstm"})
    public String model;

    @Param({"tiny", "small", "medium"})
    public String size;

    private Recurrent net;
    private List<DMatrixRMaj> xs, dLdh;

    /** B, T, N for each named size, or for a size written {@code B32-T100-N128}. */
    static int[] dims(String size) {
        return switch (size) {
            case "tiny" -> new int[] {1, 50, 16};
            case "small" -> new int[] {16, 100, 64};
            case "medium" -> new int[] {32, 100, 128};
            default -> {
                var m = java.util.regex.Pattern.compile("B(\\d+)-T(\\d+)-N(\\d+)").matcher(size);
                if (!m.matches()) throw new IllegalArgumentException("unknown size " + size + ": tiny, small, medium or B32-T100-N128");
                yield new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
            }
        };
    }

    @Setup
    public void setup() {
        int[] d = dims(size);
        int B = d[0], T = d[1], N = d[2];
        Random rng = new Random(1);
        net = switch (model) {
            case "rnn" -> VanillaRnn.init(N, N, Activation.TANH, rng);
            case "gru" -> Gru.init(N, N, rng);
            case "lstm" -> Lstm.init(N, N, 1.0, rng);
            default -> throw new IllegalArgumentException("unknown model " + model);
        };
        xs = new ArrayList<>();
        dLdh = new ArrayList<>();
        for (int t = 0; t < T; t++) {
            xs.add(Init.normal(N, B, 1.0, rng));
            dLdh.add(Init.normal(N, B, 1.0, rng));
        }
    }

    @Benchmark
    public Recurrent.SequenceGradients forwardBackward() {
        return net.backward(net.forward(xs), dLdh);
    }
}
