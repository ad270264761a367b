package gradnotes.linalg;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SquashTest {
    /** Arguments across every range the functions treat differently: near 0, around ln 2 / 2, large, huge, tiny. */
    private static double[] arguments(int n) {
        Random rng = new Random(11);
        double[] x = new double[n];
        for (int i = 0; i < n; i++)
            x[i] = switch (i % 5) {
                case 0 -> 3 * rng.nextGaussian();
                case 1 -> 1e-3 * rng.nextGaussian();
                case 2 -> 1500 * (rng.nextDouble() - 0.5);
                case 3 -> 0.7 * (rng.nextDouble() - 0.5);
                default -> rng.nextGaussian() * Math.pow(10, -rng.nextInt(300));
            };
        return x;
    }

    /** |y − reference| in units in the last place of the reference. */
    private static double ulps(double y, double reference) {
        return Math.abs(y - reference) / Math.ulp(reference);
    }

    /** fdlibm's sigmoid, by the two-branch formula that cannot overflow. */
    private static double sigmoidReference(double a) {
        return a >= 0 ? 1 / (1 + StrictMath.exp(-a)) : StrictMath.exp(a) / (1 + StrictMath.exp(a));
    }

    @Test
    void tanhIsWithinFourUlpsOfFdlibm() {
        double worst = 0;
        for (double a : arguments(200_000)) worst = Math.max(worst, ulps(Squash.tanh(a), StrictMath.tanh(a)));
        assertTrue(worst <= 4, "worst error " + worst + " ulp");
    }

    @Test
    void sigmoidIsWithinTwoUlpsOfTheExpFormula() {
        double worst = 0;
        for (double a : arguments(200_000)) {
            double reference = sigmoidReference(a);
            if (reference >= Double.MIN_NORMAL) worst = Math.max(worst, ulps(Squash.sigmoid(a), reference));
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulp");
    }

    @Test
    void tanhKeepsFullRelativePrecisionNearZero() {
        for (double a : new double[] {1e-300, -3e-17, 1e-9, 2.5e-5}) assertTrue(ulps(Squash.tanh(a), StrictMath.tanh(a)) <= 1, "tanh(" + a + ")");
    }

    @Test
    void limitsAndSpecialValues() {
        assertEquals(1.0, Squash.tanh(40), 0.0);
        assertEquals(-1.0, Squash.tanh(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(0.0, Squash.tanh(0.0), 0.0);
        assertEquals(0.5, Squash.sigmoid(0.0), 0.0);
        assertEquals(1.0, Squash.sigmoid(800), 0.0);
        assertEquals(0.0, Squash.sigmoid(-800), 0.0);
        assertEquals(Math.exp(-700), Squash.sigmoid(-700), 2 * Math.ulp(Math.exp(-700)));
        assertTrue(Double.isNaN(Squash.tanh(Double.NaN)));
        assertTrue(Double.isNaN(Squash.sigmoid(Double.NaN)));
        // below the least normal double, e^x is taken as 0
        assertEquals(0.0, Squash.sigmoid(-720), 0.0);
    }

    @Test
    void theVectorKernelIsInUseUnderTheTests() {
        assertEquals("Vector API", Squash.kernel());
    }

    @Test
    void aSystemPropertyForcesThePortableLoops() {
        System.setProperty("gradnotes.kernels", "portable");
        try {
            assertTrue(Squash.choose() == Squash.PORTABLE, "Squash kept its vector kernel");
            assertTrue(MatMul.choose() instanceof PortableGemm, "MatMul kept its vector kernel");
        } finally {
            System.clearProperty("gradnotes.kernels");
        }
        assertTrue(Squash.choose() != Squash.PORTABLE);
        assertTrue(MatMul.choose() instanceof VectorGemm);
    }

    /** Every entry gets the bits the scalar function gives, whatever its position, offset or the array's length. */
    @Test
    void arrayFunctionsMatchTheScalarOnesBitForBit() {
        double[] x = arguments(1003);
        for (Squash.Kernel kernel : new Squash.Kernel[] {Squash.choose(), Squash.PORTABLE})
            for (int from : new int[] {0, 1, 3})
                for (int n : new int[] {0, 1, 3, 4, 7, 8, 9, 1000}) {
                    double[] s = new double[n + 2], t = new double[n + 2];
                    kernel.sigmoid(x, from, s, 2, n);
                    kernel.tanh(x, from, t, 2, n);
                    for (int i = 0; i < n; i++) {
                        assertEquals(Double.doubleToRawLongBits(Squash.sigmoid(x[from + i])), Double.doubleToRawLongBits(s[2 + i]), "sigmoid at " + i);
                        assertEquals(Double.doubleToRawLongBits(Squash.tanh(x[from + i])), Double.doubleToRawLongBits(t[2 + i]), "tanh at " + i);
                    }
                    assertEquals(0.0, s[0] + s[1] + t[0] + t[1], 0.0, "nothing written before the offset");
                }
    }

    @Test
    void arraysMayBeTransformedInPlace() {
        double[] x = arguments(37), y = x.clone();
        Squash.tanh(y, 0, y, 0, y.length);
        for (int i = 0; i < x.length; i++) assertEquals(Squash.tanh(x[i]), y[i], 0.0);
    }

    /** e^x for x ≤ 0 (a softmax's shifted scores): close to Math.exp, the same bits from both kernels, −∞ to 0. */
    @Test
    void expOfNonPositiveEntries() {
        double[] x = arguments(1003);
        for (int q = 0; q < x.length; q++) x[q] = -Math.abs(x[q]);
        x[5] = Double.NEGATIVE_INFINITY;
        x[6] = -0.0;
        x[7] = -800;
        for (Squash.Kernel kernel : new Squash.Kernel[] {Squash.choose(), Squash.PORTABLE})
            for (int n : new int[] {0, 1, 7, 8, 9, 1000}) {
                double[] y = new double[n];
                assertTrue(kernel.expNonPositive(x, 3, y, 0, n));
                for (int i = 0; i < n; i++) {
                    double e = Math.exp(x[3 + i]);
                    assertEquals(Double.doubleToRawLongBits(Squash.exp(x[3 + i], false)), Double.doubleToRawLongBits(y[i]), "at " + i);
                    if (e >= Double.MIN_NORMAL) assertTrue(ulps(y[i], e) <= 2, "e^" + x[3 + i] + ": " + y[i] + " against " + e);
                    else assertEquals(0.0, y[i], Double.MIN_NORMAL);
                }
            }
        double[] y = new double[12];
        Squash.expNonPositive(x, 0, y, 0, 12);
        assertEquals(0.0, y[2 + 3], 0.0);
        double[] bad = {-1, -2, 0.5, -3};
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Squash.expNonPositive(bad, 0, new double[4], 0, 4));
        assertEquals("a[2] is 0.5: expNonPositive takes entries ≤ 0 only", e.getMessage());
    }

    /** A softmax's exponentials over a whole matrix: e^(z − column maximum) and the column sums, the bits of expNonPositive, both kernels. */
    @Test
    void expBelowColumnMaximaOfAMatrix() {
        double[] a = arguments(1003);
        for (int[] shape : new int[][] {{1, 1}, {3, 7}, {5, 8}, {4, 17}, {9, 128}, {7, 1}}) {
            int rows = shape[0], cols = shape[1];
            double[] z = java.util.Arrays.copyOf(a, rows * cols), max = new double[cols];
            for (int q = 0; q < z.length; q++) z[q] = Math.max(-1e3, Math.min(1e3, z[q]));
            if (z.length > 2) z[2] = Double.NEGATIVE_INFINITY;
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int q = 0; q < z.length; q++) max[q % cols] = Math.max(max[q % cols], z[q]);
            for (Squash.Kernel kernel : new Squash.Kernel[] {Squash.choose(), Squash.PORTABLE}) {
                double[] y = new double[z.length], sum = new double[cols];
                java.util.Arrays.fill(sum, 99);
                assertTrue(kernel.expBelowColumnMax(z, max, y, sum, rows, cols));
                double[] expected = new double[cols];
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++) {
                        double e = Squash.exp(z[i * cols + j] - max[j], false);
                        expected[j] += e;
                        assertEquals(Double.doubleToRawLongBits(e), Double.doubleToRawLongBits(y[i * cols + j]), rows + "×" + cols + " at " + i + "," + j);
                    }
                for (int j = 0; j < cols; j++) assertEquals(expected[j], sum[j], 0.0, "sum of column " + j);
            }
        }
        double[] z = {-1, 2, 0.5, 3}, max = {0.5, 1};
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Squash.expBelowColumnMax(z, max, new double[4], new double[2], 2, 2));
        assertEquals("z[0,1] is 2.0, above its column's maximum 1.0: expBelowColumnMax takes the maxima of the columns", e.getMessage());
    }

    /**
     * The softmax's other passes, against the formulas written out entry by entry, both kernels, bit for
     * bit: the division (by 1, by a power of two through its reciprocal, by 3) with the column maxima,
     * NaN and −∞ included; the scaling of columns; the backward pass, also in place.
     */
    @Test
    void softmaxPassesGiveTheBitsOfTheFormulas() {
        double[] a = arguments(2000);
        for (int[] shape : new int[][] {{1, 1}, {3, 7}, {5, 8}, {4, 17}, {9, 128}, {7, 1}}) {
            int rows = shape[0], cols = shape[1], n = rows * cols;
            double[] z0 = java.util.Arrays.copyOf(a, n), factor = java.util.Arrays.copyOfRange(a, 500, 500 + cols);
            z0[n - 1] = Double.NEGATIVE_INFINITY;
            if (n > 3) z0[1] = Double.NaN;
            double[] p = new double[n], d = java.util.Arrays.copyOfRange(a, 200, 200 + n);
            for (int q = 0; q < n; q++) p[q] = Math.abs(a[300 + q]) / 10;
            for (Squash.Kernel kernel : new Squash.Kernel[] {Squash.choose(), Squash.PORTABLE}) {
                String where = rows + "×" + cols + " " + (kernel == Squash.PORTABLE ? "portable" : "vector");
                for (double divisor : new double[] {1, 4, 3}) {
                    double[] z = z0.clone(), max = new double[cols];
                    java.util.Arrays.fill(max, 42);
                    kernel.divideColumnMax(z, divisor, max, rows, cols);
                    double[] expectedMax = new double[cols];
                    java.util.Arrays.fill(expectedMax, Double.NEGATIVE_INFINITY);
                    for (int q = 0; q < n; q++) {
                        double quotient = z0[q] / divisor;
                        assertEquals(Double.doubleToRawLongBits(quotient), Double.doubleToRawLongBits(z[q]), where + " z / " + divisor + " at " + q);
                        expectedMax[q % cols] = Math.max(expectedMax[q % cols], quotient);
                    }
                    for (int j = 0; j < cols; j++)
                        assertEquals(Double.doubleToRawLongBits(expectedMax[j]), Double.doubleToRawLongBits(max[j]), where + " max of column " + j);
                }
                double[] y = z0.clone();
                kernel.scaleColumns(y, factor, rows, cols);
                for (int q = 0; q < n; q++)
                    assertEquals(Double.doubleToRawLongBits(z0[q] * factor[q % cols]), Double.doubleToRawLongBits(y[q]), where + " scaled at " + q);
                double[] dot = new double[cols], expectedDot = new double[cols];
                java.util.Arrays.fill(dot, 7);
                for (int q = 0; q < n; q++) expectedDot[q % cols] += p[q] * d[q];
                double[] dz = new double[n], inPlace = d.clone();
                kernel.softmaxBackwardColumns(p, d, dz, dot, rows, cols);
                kernel.softmaxBackwardColumns(p, inPlace, inPlace, new double[cols], rows, cols);
                for (int q = 0; q < n; q++) {
                    long expected = Double.doubleToRawLongBits(p[q] * (d[q] - expectedDot[q % cols]));
                    assertEquals(expected, Double.doubleToRawLongBits(dz[q]), where + " backward at " + q);
                    assertEquals(expected, Double.doubleToRawLongBits(inPlace[q]), where + " backward in place at " + q);
                }
            }
        }
    }
}
