package gradnotes.bench;

import gradnotes.nn.Init;
import gradnotes.nn.MultiHeadAttention;
import org.ejml.data.DMatrixRMaj;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Multi-head self-attention, forward and backward: sequence 128, model width 128, 8 heads. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AttentionBenchmark {
    private MultiHeadAttention mha;
    private DMatrixRMaj X, dY;

    @Setup
    public void setup() {
        Random rng = new Random(1);
        mha = MultiHeadAttention.init(128, 8, rng);
        X = Init.normal(128, 128, 1.0, rng);
        dY = Init.normal(128, 128, 1.0, rng);
    }

    @Benchmark
    public MultiHeadAttention.Gradients forwardBackward() {
        return mha.backward(mha.forward(X), dY);
    }
}
