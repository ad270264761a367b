package gradnotes.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static gradnotes.linalg.Squash.*;

/**
 * {@link Squash}'s functions a vector of entries at a time, with the scalar code's operations lane by
 * lane (so the results are bit for bit the same); the entries past the last whole vector go through
 * the scalar code. Loaded by {@link Squash} only when the JVM has {@code jdk.incubator.vector}.
 */
final class VectorSquash implements Squash.Kernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void sigmoid(double[] a, int from, double[] y, int to, int n) {
        int i = 0;
        for (int main = S.loopBound(n); i < main; i += S.length()) {
            DoubleVector x = DoubleVector.fromArray(S, a, from + i);
            DoubleVector e = exp(x.abs().neg(), false);
            DoubleVector one = DoubleVector.broadcast(S, 1.0);
            one.blend(e, x.compare(VectorOperators.LT, 0.0)).div(e.add(1.0)).intoArray(y, to + i);
        }
        for (; i < n; i++) y[to + i] = Squash.sigmoid(a[from + i]);
    }

    @Override
    public void tanh(double[] a, int from, double[] y, int to, int n) {
        int i = 0;
        for (int main = S.loopBound(n); i < main; i += S.length()) {
            DoubleVector x = DoubleVector.fromArray(S, a, from + i);
            DoubleVector m = exp(x.abs().mul(-2.0), true), t = m.neg().div(m.add(2.0));
            t.blend(t.neg(), x.compare(VectorOperators.LT, 0.0)).intoArray(y, to + i);
        }
        for (; i < n; i++) y[to + i] = Squash.tanh(a[from + i]);
    }

    @Override
    public boolean expNonPositive(double[] a, int from, double[] y, int to, int n) {
        int i = 0;
        for (int main = S.loopBound(n); i < main; i += S.length()) {
            DoubleVector x = DoubleVector.fromArray(S, a, from + i);
            if (!x.compare(VectorOperators.LE, 0.0).allTrue()) return false;
            exp(x, false).intoArray(y, to + i);
        }
        for (; i < n; i++) {
            double x = a[from + i];
            if (!(x <= 0)) return false;
            y[to + i] = Squash.exp(x, false);
        }
        return true;
    }

    @Override
    public boolean expBelowColumnMax(double[] z, double[] max, double[] y, double[] sum, int rows, int cols) {
        java.util.Arrays.fill(sum, 0, cols, 0.0);
        int main = S.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            int at = i * cols, j = 0;
            for (; j < main; j += S.length()) {
                DoubleVector x = DoubleVector.fromArray(S, z, at + j).sub(DoubleVector.fromArray(S, max, j));
                if (!x.compare(VectorOperators.LE, 0.0).allTrue()) return false;
                DoubleVector e = exp(x, false);
                e.intoArray(y, at + j);
                e.add(DoubleVector.fromArray(S, sum, j)).intoArray(sum, j);
            }
            for (; j < cols; j++) {
                double x = z[at + j] - max[j];
                if (!(x <= 0)) return false;
                sum[j] += y[at + j] = Squash.exp(x, false);
            }
        }
        return true;
    }

    @Override
    public void divideColumnMax(double[] z, double divisor, double[] max, int rows, int cols) {
        java.util.Arrays.fill(max, 0, cols, Double.NEGATIVE_INFINITY);
        boolean divide = divisor != 1, multiply = divide && Squash.isPowerOfTwo(divisor);
        double inverse = 1 / divisor;
        int main = S.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            int at = i * cols, j = 0;
            for (; j < main; j += S.length()) {
                DoubleVector x = DoubleVector.fromArray(S, z, at + j);
                if (multiply) (x = x.mul(inverse)).intoArray(z, at + j);
                else if (divide) (x = x.div(divisor)).intoArray(z, at + j);
                DoubleVector.fromArray(S, max, j).max(x).intoArray(max, j);
            }
            for (; j < cols; j++) {
                double x = z[at + j];
                if (multiply) z[at + j] = x *= inverse;
                else if (divide) z[at + j] = x /= divisor;
                max[j] = Math.max(max[j], x);
            }
        }
    }

    @Override
    public void scaleColumns(double[] y, double[] factor, int rows, int cols) {
        int main = S.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            int at = i * cols, j = 0;
            for (; j < main; j += S.length())
                DoubleVector.fromArray(S, y, at + j).mul(DoubleVector.fromArray(S, factor, j)).intoArray(y, at + j);
            for (; j < cols; j++) y[at + j] *= factor[j];
        }
    }

    /** Products and sums kept apart (no fused multiply-add), as the scalar code rounds them. */
    @Override
    public void softmaxBackwardColumns(double[] p, double[] d, double[] dz, double[] dot, int rows, int cols) {
        java.util.Arrays.fill(dot, 0, cols, 0.0);
        int main = S.loopBound(cols);
        for (int i = 0; i < rows; i++) {
            int at = i * cols, j = 0;
            for (; j < main; j += S.length()) {
                DoubleVector pd = DoubleVector.fromArray(S, p, at + j).mul(DoubleVector.fromArray(S, d, at + j));
                DoubleVector.fromArray(S, dot, j).add(pd).intoArray(dot, j);
            }
            for (; j < cols; j++) dot[j] += p[at + j] * d[at + j];
        }
        for (int i = 0; i < rows; i++) {
            int at = i * cols, j = 0;
            for (; j < main; j += S.length()) {
                DoubleVector g = DoubleVector.fromArray(S, d, at + j).sub(DoubleVector.fromArray(S, dot, j));
                DoubleVector.fromArray(S, p, at + j).mul(g).intoArray(dz, at + j);
            }
            for (; j < cols; j++) dz[at + j] = p[at + j] * (d[at + j] - dot[j]);
        }
    }

    /** e^x (or e^x − 1 when {@code minusOne}) for x ≤ 0, as Squash.exp. */
    private static DoubleVector exp(DoubleVector x, boolean minusOne) {
        DoubleVector xc = x.max(LOWEST), t = xc.mul(LOG2E).add(ROUND), k = t.sub(ROUND);
        DoubleVector r = xc.sub(k.mul(LN2_HI)).sub(k.mul(LN2_LO));
        DoubleVector p = expm1Reduced(r);
        DoubleVector powerOfTwo = t.reinterpretAsLongs().sub(ROUND_BITS - 1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector e = p.add(1.0).mul(powerOfTwo);
        VectorMask<Double> underflow = x.compare(VectorOperators.LT, LOWEST);
        if (!minusOne) return e.blend(0.0, underflow);
        return e.sub(1.0).blend(-1.0, underflow).blend(p, k.compare(VectorOperators.EQ, 0.0));
    }

    /** e^r − 1 for |r| ≤ ln 2 / 2, as Squash.expm1Reduced (a separate method to keep each small enough to inline). */
    private static DoubleVector expm1Reduced(DoubleVector r) {
        DoubleVector r2 = r.mul(r), r4 = r2.mul(r2), r8 = r4.mul(r4);
        DoubleVector p01 = r.fma(C1, C0), p23 = r.fma(C3, C2), p45 = r.fma(C5, C4);
        DoubleVector p67 = r.fma(C7, C6), p89 = r.fma(C9, C8), p1011 = r.fma(C11, C10);
        DoubleVector q03 = p23.fma(r2, p01), q47 = p67.fma(r2, p45), q811 = p1011.fma(r2, p89);
        DoubleVector q07 = q47.fma(r4, q03), q812 = DoubleVector.broadcast(S, C12).fma(r4, q811);
        return q812.fma(r8, q07).mul(r);
    }
}
