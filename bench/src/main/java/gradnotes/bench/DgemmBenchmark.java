package gradnotes.bench;

import gradnotes.linalg.MatMul;
import gradnotes.nn.Init;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
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

/**
 * A 512 × 512 matrix product, 2·512³ floating-point operations: with the library's kernel (the
 * practical ceiling for the models) and with EJML's {@code CommonOps_DDRM.mult} for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DgemmBenchmark {
    private DMatrixRMaj A, B, C;

    @Setup
    public void setup() {
        Random rng = new Random(1);
        A = Init.normal(512, 512, 1.0, rng);
        B = Init.normal(512, 512, 1.0, rng);
        C = new DMatrixRMaj(512, 512);
    }

    @Benchmark
    public DMatrixRMaj mult512() {
        MatMul.mult(A, B, C);
        return C;
    }

    @Benchmark
    public DMatrixRMaj mult512Ejml() {
        CommonOps_DDRM.mult(A, B, C);
        return C;
    }
}
