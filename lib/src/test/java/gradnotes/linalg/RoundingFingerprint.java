package gradnotes.linalg;

import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/**
 * One number that changes if any bit changes in what the kernels compute: the products (every path:
 * register blocks, few rows, matrix-vector, each transpose) and sigmoid, tanh and the softmax's
 * passes (division and column maxima, exponentials, scaling, backward), on fixed random inputs.
 * {@link SameRoundingTest} compares it across JVMs: interpreted and compiled, and on every JDK on the
 * machine.
 *
 * <p>{@code main(warmUps)} computes it warmUps times first (so that the JIT has compiled the kernels) and
 * prints the last.
 */
final class RoundingFingerprint {
    /** m, k, n; among them a GRU's input-weight gradient (48 gate rows, 16 steps, 5 inputs) and a readout's outer product (k = 1). */
    private static final int[][] SHAPES = {{1, 64, 64}, {2, 33, 17}, {3, 16, 40}, {4, 128, 16}, {5, 7, 9},
            {8, 16, 16}, {16, 16, 128}, {64, 64, 64}, {67, 300, 33}, {48, 16, 5}, {5, 1, 32}};

    private RoundingFingerprint() {}

    static long of() {
        Random rng = new Random(1);
        long h = 17;
        for (int[] s : SHAPES) {
            int m = s[0], k = s[1], n = s[2];
            DMatrixRMaj a = MatMulTest.random(m, k, rng), b = MatMulTest.random(k, n, rng), c = new DMatrixRMaj(m, n);
            MatMul.mult(a, b, c);
            h = mix(h, c.data);
            MatMul.multAddTransA(transpose(a), b, c);
            h = mix(h, c.data);
            MatMul.multTransB(a, transpose(b), c);
            h = mix(h, c.data);
            double[] y = new double[a.data.length], z = new double[a.data.length];
            Squash.sigmoid(a.data, 0, y, 0, y.length);
            h = mix(h, y);
            Squash.tanh(a.data, 0, y, 0, y.length);
            h = mix(h, y);
            for (int i = 0; i < z.length; i++) z[i] = -Math.abs(a.data[i]) * 20;
            Squash.expNonPositive(z, 0, y, 0, y.length);
            h = mix(h, y);
            double[] max = new double[k], sum = new double[k];
            Squash.expBelowColumnMax(z, max, y, sum, m, k);
            h = mix(mix(h, y), sum);
            System.arraycopy(a.data, 0, z, 0, z.length);
            Squash.divideColumnMax(z, 3, max, m, k);
            Squash.scaleColumns(z, max, m, k);
            Squash.softmaxBackwardColumns(y, z, z, sum, m, k);
            h = mix(mix(h, z), max);
        }
        return h;
    }

    private static DMatrixRMaj transpose(DMatrixRMaj x) {
        DMatrixRMaj t = new DMatrixRMaj(x.numCols, x.numRows);
        for (int i = 0; i < x.numRows; i++)
            for (int j = 0; j < x.numCols; j++) t.unsafe_set(j, i, x.unsafe_get(i, j));
        return t;
    }

    private static long mix(long h, double[] values) {
        for (double v : values) h = h * 1_000_003 + Double.doubleToRawLongBits(v);
        return h;
    }

    public static void main(String[] args) {
        int warmUps = Integer.parseInt(args[0]);
        long h = of();
        for (int i = 1; i < warmUps; i++) h = of();
        System.out.println(MatMul.kernel() + "\t" + Long.toHexString(h));
    }
}
