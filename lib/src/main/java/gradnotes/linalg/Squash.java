package gradnotes.linalg;

/**
 * The logistic sigmoid and tanh, the two squashing functions every gate applies, for one number and
 * for arrays. The JDK's {@code Math.tanh} costs about 30 ns a call, which in a recurrent network is
 * more than the matrix products; these cost a few nanoseconds, and over an array they run on the
 * Vector API, a vector of entries at a time, when the JVM has {@code jdk.incubator.vector} (as
 * {@link MatMul} does).
 *
 * <p>Both reduce to e^x for x ≤ 0:
 * <pre>
 *   σ(a)    = 1 / (1 + e^{-a})   for a ≥ 0,     e^{a} / (1 + e^{a})  for a &lt; 0
 *   tanh(a) = −m / (2 + m)  with m = e^{−2|a|} − 1,  negated for a &lt; 0
 *   e^x     = 2^k e^r  with k = round(x / ln 2), r = x − k ln 2 (|r| ≤ ln 2 / 2), e^r − 1 from its Taylor
 *             series to r¹³/13! (the remainder is  is below a unit in the last place)
 * </pre>
 * e^x − 1 is taken straight from the series when k = 0, so tanh keeps full relative precision near 0.
 * The vector kernel does the same operations in the same order (every one of them correctly rounded
 * by IEEE 754), so an entry gets the same bits from either kernel, at any position in an array.
 * Results agree with {@code Math.tanh} and the exp-based sigmoid to within a few units in the last place.
 */
public final class Squash {
    static final double LOG2E = 1.4426950408889634;
    /** ln 2 split in two; the high part has trailing zero bits, so k · LN2_HI is exact. */
    static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
    /** 1.5 · 2^52: adding it rounds to an integer held in the low bits of the mantissa. */
    static final double ROUND = 6755399441055744.0;
    static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
    /** Below this e^x is less than the least normal double, and is taken as 0. */
    static final double LOWEST = -708.3964185322641;
    /** Cj = 1/(j+1)!: (e^r − 1)/r = C0 + C1 r + … + C12 r¹². */
    static final double C0 = 1, C1 = 1 / 2.0, C2 = 1 / 6.0, C3 = 1 / 24.0, C4 = 1 / 120.0, C5 = 1 / 720.0,
            C6 = 1 / 5040.0, C7 = 1 / 40320.0, C8 = 1 / 362880.0, C9 = 1 / 3628800.0, C10 = 1 / 39916800.0,
            C11 = 1 / 479001600.0, C12 = 1 / 6227020800.0;

    private Squash() {}

    /** Sigmoid and tanh over arrays: {@code y[to + i] = f(a[from + i])} for i &lt; n. */
    interface Kernel {
        void sigmoid(double[] a, int from, double[] y, int to, int n);

        void tanh(double[] a, int from, double[] y, int to, int n);

        /** e^x for x ≤ 0; returns false, leaving y partly written, if some x is above 0 or NaN. */
        boolean expNonPositive(double[] a, int from, double[] y, int to, int n);

        /** As {@link Squash#expBelowColumnMax}; returns false, leaving y and sum partly written, if some z − max is above 0 or NaN. */
        boolean expBelowColumnMax(double[] z, double[] max, double[] y, double[] sum, int rows, int cols);

        /** As {@link Squash#divideColumnMax}. */
        void divideColumnMax(double[] z, double divisor, double[] max, int rows, int cols);

        /** As {@link Squash#scaleColumns}. */
        void scaleColumns(double[] y, double[] factor, int rows, int cols);

        /** As {@link Squash#softmaxBackwardColumns}. */
        void softmaxBackwardColumns(double[] p, double[] d, double[] dz, double[] dot, int rows, int cols);
    }

    static Kernel choose() {
        if (MatMul.vectorApi()) {
            try {
                return (Kernel) Class.forName("gradnotes.linalg.VectorSquash").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return PORTABLE;
            }
        }
        return PORTABLE;
    }

    static final Kernel PORTABLE = new Kernel() {
        @Override public void sigmoid(double[] a, int from, double[] y, int to, int n) {
            for (int i = 0; i < n; i++) y[to + i] = Squash.sigmoid(a[from + i]);
        }

        @Override public void tanh(double[] a, int from, double[] y, int to, int n) {
            for (int i = 0; i < n; i++) y[to + i] = Squash.tanh(a[from + i]);
        }

        @Override public boolean expNonPositive(double[] a, int from, double[] y, int to, int n) {
            for (int i = 0; i < n; i++) {
                double x = a[from + i];
                if (!(x <= 0)) return false;
                y[to + i] = exp(x, false);
            }
            return true;
        }

        @Override public boolean expBelowColumnMax(double[] z, double[] max, double[] y, double[] sum, int rows, int cols) {
            java.util.Arrays.fill(sum, 0, cols, 0.0);
            for (int i = 0; i < rows; i++)
                for (int j = 0, at = i * cols; j < cols; j++) {
                    double x = z[at + j] - max[j];
                    if (!(x <= 0)) return false;
                    sum[j] += y[at + j] = exp(x, false);
                }
            return true;
        }

        @Override public void divideColumnMax(double[] z, double divisor, double[] max, int rows, int cols) {
            java.util.Arrays.fill(max, 0, cols, Double.NEGATIVE_INFINITY);
            if (divisor == 1)
                for (int i = 0; i < rows; i++)
                    for (int j = 0, at = i * cols; j < cols; j++) max[j] = Math.max(max[j], z[at + j]);
            else if (isPowerOfTwo(divisor)) {
                double inverse = 1 / divisor;
                for (int i = 0; i < rows; i++)
                    for (int j = 0, at = i * cols; j < cols; j++) max[j] = Math.max(max[j], z[at + j] *= inverse);
            } else
                for (int i = 0; i < rows; i++)
                    for (int j = 0, at = i * cols; j < cols; j++) max[j] = Math.max(max[j], z[at + j] /= divisor);
        }

        @Override public void scaleColumns(double[] y, double[] factor, int rows, int cols) {
            for (int i = 0; i < rows; i++)
                for (int j = 0, at = i * cols; j < cols; j++) y[at + j] *= factor[j];
        }

        @Override public void softmaxBackwardColumns(double[] p, double[] d, double[] dz, double[] dot, int rows, int cols) {
            java.util.Arrays.fill(dot, 0, cols, 0.0);
            for (int i = 0; i < rows; i++)
                for (int j = 0, at = i * cols; j < cols; j++) dot[j] += p[at + j] * d[at + j];
            for (int i = 0; i < rows; i++)
                for (int j = 0, at = i * cols; j < cols; j++) dz[at + j] = p[at + j] * (d[at + j] - dot[j]);
        }
    };

    /**
     * Whether dividing by d gives the same bits as multiplying by 1/d: d a power of two (√16 = 4), whose
     * reciprocal is exact. The multiplication is several times faster than a division.
     */
    static boolean isPowerOfTwo(double d) {
        return d == Math.scalb(1.0, Math.getExponent(d));
    }

    private static final Kernel KERNEL = choose();

    /** σ(a) = 1 / (1 + e^{-a}). */
    public static double sigmoid(double a) {
        double e = exp(-Math.abs(a), false);
        return (a < 0 ? e : 1) / (1 + e);
    }

    /** tanh(a) = (e^a − e^{-a}) / (e^a + e^{-a}). */
    public static double tanh(double a) {
        double m = exp(-2 * Math.abs(a), true), t = -m / (2 + m);
        return a < 0 ? -t : t;
    }

    /** y = σ(a) entry by entry, {@code n} entries from {@code a[from]} into {@code y[to]} ({@code y} may be {@code a}). */
    public static void sigmoid(double[] a, int from, double[] y, int to, int n) {
        KERNEL.sigmoid(a, from, y, to, n);
    }

    /** y = tanh(a) entry by entry, as {@link #sigmoid(double[], int, double[], int, int)}. */
    public static void tanh(double[] a, int from, double[] y, int to, int n) {
        KERNEL.tanh(a, from, y, to, n);
    }

    /**
     * y = e^a entry by entry for a ≤ 0 (a softmax's scores after subtracting their maximum), as
     * {@link #sigmoid(double[], int, double[], int, int)}; −∞ gives 0. Within a unit or two in the last place
     * of {@code Math.exp}, and several times faster over an array.
     *
     * @throws IllegalArgumentException if an entry is above 0 or NaN (this e^x is only made for x ≤ 0)
     */
    public static void expNonPositive(double[] a, int from, double[] y, int to, int n) {
        if (!KERNEL.expNonPositive(a, from, y, to, n)) {
            for (int i = 0; i < n; i++)
                if (!(a[from + i] <= 0))
                    throw new IllegalArgumentException("a[" + (from + i) + "] is " + a[from + i] + ": expNonPositive takes entries ≤ 0 only");
        }
    }

    /**
     * A softmax's exponentials over a whole {@code rows × cols} row-major matrix, one distribution per column:
     * {@code y[i][j] = e^(z[i][j] − max[j])} and {@code sum[j] = Σ_i y[i][j]}, in one pass along the rows
     * ({@code y} may be {@code z}). {@code max[j]} is column j's maximum, so every exponent is ≤ 0; −∞ gives 0.
     * The same bits as {@link #expNonPositive} on each row of z − max.
     *
     * @throws IllegalArgumentException if some z[i][j] − max[j] is above 0 or NaN
     */
    public static void expBelowColumnMax(double[] z, double[] max, double[] y, double[] sum, int rows, int cols) {
        if (!KERNEL.expBelowColumnMax(z, max, y, sum, rows, cols)) {
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                    if (!(z[i * cols + j] - max[j] <= 0))
                        throw new IllegalArgumentException("z[" + i + "," + j + "] is " + z[i * cols + j] + ", above its column's maximum "
                                + max[j] + ": expBelowColumnMax takes the maxima of the columns");
        }
    }

    /**
     * A softmax's first pass over a {@code rows × cols} row-major matrix of scores, one distribution per
     * column: divides every entry by {@code divisor} in place (attention's 1/√d; nothing when it is 1)
     * and sets {@code max[j]} to column j's largest quotient (NaN if the column holds a NaN).
     */
    public static void divideColumnMax(double[] z, double divisor, double[] max, int rows, int cols) {
        KERNEL.divideColumnMax(z, divisor, max, rows, cols);
    }

    /** {@code y[i][j] *= factor[j]} over a {@code rows × cols} row-major matrix (a softmax's normalisation). */
    public static void scaleColumns(double[] y, double[] factor, int rows, int cols) {
        KERNEL.scaleColumns(y, factor, rows, cols);
    }

    /**
     * Backward through a column softmax over {@code rows × cols} row-major matrices:
     * {@code dz[i][j] = p[i][j] (d[i][j] − dot[j])} with {@code dot[j] = Σ_i p[i][j] d[i][j]}, each column's
     * sum taken in row order before anything is written, so {@code dz} may be {@code d}.
     */
    public static void softmaxBackwardColumns(double[] p, double[] d, double[] dz, double[] dot, int rows, int cols) {
        KERNEL.softmaxBackwardColumns(p, d, dz, dot, rows, cols);
    }

    /** e^x, or e^x − 1 when {@code minusOne}, for x ≤ 0 (the vector kernel's exp, one lane). */
    static double exp(double x, boolean minusOne) {
        double xc = Math.max(x, LOWEST), t = xc * LOG2E + ROUND, k = t - ROUND;
        double r = (xc - k * LN2_HI) - k * LN2_LO, p = expm1Reduced(r);
        double e = (1 + p) * powerOfTwo(Double.doubleToRawLongBits(t) - ROUND_BITS);
        if (!minusOne) return x < LOWEST ? 0 : e;
        return k == 0 ? p : x < LOWEST ? -1 : e - 1;
    }

    /**
     * e^r − 1 = r (C0 + C1 r + … + C12 r¹²), the polynomial by Estrin's scheme: pairs of terms, then
     * pairs of pairs with r², r⁴, r⁸, which is four multiply-adds deep where Horner's rule is twelve.
     */
    private static double expm1Reduced(double r) {
        double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
        double p01 = Math.fma(C1, r, C0), p23 = Math.fma(C3, r, C2), p45 = Math.fma(C5, r, C4);
        double p67 = Math.fma(C7, r, C6), p89 = Math.fma(C9, r, C8), p1011 = Math.fma(C11, r, C10);
        double q03 = Math.fma(p23, r2, p01), q47 = Math.fma(p67, r2, p45), q811 = Math.fma(p1011, r2, p89);
        double q07 = Math.fma(q47, r4, q03), q812 = Math.fma(C12, r4, q811);
        return Math.fma(q812, r8, q07) * r;
    }

    /** 2^k for −1022 ≤ k ≤ 0: the exponent field of a double. */
    private static double powerOfTwo(long k) {
        return Double.longBitsToDouble((k + 1023) << 52);
    }

    /** Which kernel the array functions run on. */
    static String kernel() {
        return KERNEL == PORTABLE ? "portable loops" : "Vector API";
    }
}
