package gradnotes.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java half of the interleaved comparison ({@code bench/interleave.py} is the other half and
 * drives both): a long-lived JVM that runs the JMH benchmarks' work on request, so Java and PyTorch
 * can take turns in short rounds on a machine whose speed drifts, and each round compares the two
 * under the same conditions.
 *
 * <p>Reads one request per line on stdin, {@code KIND SIZE SECONDS MIN_RUNS} (kinds: rnn, gru, lstm
 * with sizes tiny, small, medium or B32-T100-N128; attention seq128-d128-h8; dgemm 512; dgemm-ejml
 * 512), runs that work back to back for at least SECONDS and MIN_RUNS times, and answers with one
 * line: {@code ok}, the CPU time the whole process used over all the runs (garbage collection and
 * compilation threads included; the JVM reads it in clock ticks, so it is only worth having over many
 * runs), then every run's wall-clock time, in microseconds. The CPU time leaves out the time the process
 * waited for a core, which on a loaded machine is most of the noise. The state (weights, inputs) is made once
 * per benchmark by the JMH classes' own {@code @Setup}, so both harnesses time the same work.
 */
public final class Interleaved {
    private static final Map<String, Runnable> WORK = new HashMap<>();
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    /** Results go here so the JIT cannot drop the work that made them. */
    public static volatile Object sink;

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready " + gradnotes.linalg.MatMul.kernel());
        for (String line; (line = in.readLine()) != null; ) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 4) {
                System.out.println("error expected KIND SIZE SECONDS MIN_RUNS, got: " + line);
                continue;
            }
            try {
                Runnable work = WORK.computeIfAbsent(f[0] + " " + f[1], key -> make(f[0], f[1]));
                long until = System.nanoTime() + (long) (Double.parseDouble(f[2]) * 1e9);
                int minRuns = Integer.parseInt(f[3]);
                List<Double> times = new ArrayList<>();
                long cpu0 = CPU.getProcessCpuTime();
                while (times.size() < minRuns || System.nanoTime() < until) {
                    long t0 = System.nanoTime();
                    work.run();
                    times.add((System.nanoTime() - t0) / 1e3);
                }
                long cpu = CPU.getProcessCpuTime() - cpu0;
                StringBuilder out = new StringBuilder("ok ").append(String.format("%.2f", cpu / 1e3));
                for (double t : times) out.append(' ').append(String.format("%.2f", t));
                System.out.println(out);
            } catch (RuntimeException e) {
                System.out.println("error " + e);
            }
        }
    }

    private static Runnable make(String kind, String size) {
        switch (kind) {
            case "rnn", "gru", "lstm" -> {
                RecurrentBenchmark b = new RecurrentBenchmark();
                b.model = kind;
                b.size = size;
                b.setup();
                return () -> sink = b.forwardBackward();
            }
            case "attention" -> {
                AttentionBenchmark b = new AttentionBenchmark();
                b.setup();
                return () -> sink = b.forwardBackward();
            }
            case "dgemm" -> {
                DgemmBenchmark b = new DgemmBenchmark();
                b.setup();
                return () -> sink = b.mult512();
            }
            case "dgemm-ejml" -> {
                DgemmBenchmark b = new DgemmBenchmark();
                b.setup();
                return () -> sink = b.mult512Ejml();
            }
            default -> throw new IllegalArgumentException("unknown benchmark " + kind + " " + size);
        }
    }
}
