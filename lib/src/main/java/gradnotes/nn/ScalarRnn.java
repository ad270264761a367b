package gradnotes.nn;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * An RNN whose input, state and output are single numbers:
 * <pre>
 *   a_t = W_x x_t + W_h h_{t-1} + b      (pre-activation)
 *   h_t = f(a_t)                         (f = identity in IN5400 task 1)
 *   ŷ_t = W_y h_t
 *   L   = Σ_t (ŷ_t − y_t)²
 * </pre>
 * Small enough to follow by hand, and the clearest place to see that
 * {@code ∂h_t/∂h_{t-1} = f'(a_t) W_h}: a product of T such factors shrinks or grows geometrically.
 */
public final class ScalarRnn {
    public final double Wx, Wh, Wy, b;
    public final Activation f;

    /** The IN5400 network: identity activation, no bias. */
    public ScalarRnn(double Wx, double Wh, double Wy) { this(Wx, Wh, Wy, 0.0, Activation.IDENTITY); }

    public ScalarRnn(double Wx, double Wh, double Wy, double b, Activation f) {
        for (double w : new double[] {Wx, Wh, Wy, b})
            if (!Double.isFinite(w)) throw new IllegalArgumentException("weights must be finite, got Wx=" + Wx
                    + " Wh=" + Wh + " Wy=" + Wy + " b=" + b);
        if (f == null) throw new IllegalArgumentException("activation f is null, expected an Activation such as IDENTITY or TANH");
        this.Wx = Wx; this.Wh = Wh; this.Wy = Wy; this.b = b; this.f = f;
    }

    /** Everything a forward pass computes; index t holds step t (index 0 of {@code h} is h_0). */
    public record Forward(double[] x, double[] y, double[] a, double[] h, double[] yHat, double[] loss, Provenance madeBy) {
        /** Number of steps T. */
        public int length() { return x.length; }
        /** L = Σ_t L_t. */
        public double totalLoss() { double s = 0; for (double l : loss) s += l; return s; }
        /** h_t for t = 0..T. */
        public double h(int t) { return h[step(t, 0)]; }
        /** ŷ_t for t = 1..T. */
        public double yHat(int t) { return yHat[step(t, 1) - 1]; }
        /** L_t for t = 1..T. */
        public double loss(int t) { return loss[step(t, 1) - 1]; }

        /** Requires t to be a step from {@code first} to T. */
        private int step(int t, int first) {
            if (t < first || t > length()) throw new IllegalArgumentException("t = " + t + " is outside " + first + ".." + length());
            return t;
        }

        /** One row per step: t, x_t, h_{t-1}, a_t, h_t, ŷ_t, y_t, L_t. */
        public Table table() {
            int T = length();
            double[] hPrev = java.util.Arrays.copyOf(h, T);
            double[] hNow = java.util.Arrays.copyOfRange(h, 1, T + 1);
            return Table.create("forward pass, step by step",
                    IntColumn.create("t", java.util.stream.IntStream.rangeClosed(1, T).toArray()),
                    DoubleColumn.create("x_t", x), DoubleColumn.create("h_{t-1}", hPrev), DoubleColumn.create("a_t", a),
                    DoubleColumn.create("h_t", hNow), DoubleColumn.create("ŷ_t", yHat), DoubleColumn.create("y_t", y),
                    DoubleColumn.create("L_t", loss));
        }
    }

    /**
     * The gradients of L.
     *
     * @param dLdh {@code dLdh[t]} is the total ∂L/∂h_t for t = 0..T, through every later step
     */
    public record Gradients(double dWx, double dWh, double dWy, double db, double[] dLdh) {
        public double dLdh(int t) {
            if (t < 0 || t >= dLdh.length) throw new IllegalArgumentException("t = " + t + " is outside 0.." + (dLdh.length - 1));
            return dLdh[t];
        }
    }

    /** Runs the network from {@code h0} over inputs {@code x} with targets {@code y} (same length). */
    public Forward forward(double h0, double[] x, double[] y) {
        Shapes.finite(h0, "h0");
        Shapes.notNull(x, "x", "the inputs x_1..x_T");
        Shapes.notNull(y, "y", "the targets y_1..y_T");
        int T = x.length;
        if (T == 0) throw new IllegalArgumentException("x is empty: a sequence needs at least one step");
        if (y.length != T) throw new IllegalArgumentException("x has " + T + " steps but y has " + y.length);
        for (int t = 1; t <= T; t++) {
            Shapes.finite(x[t - 1], "x_" + t);
            Shapes.finite(y[t - 1], "y_" + t);
        }
        double[] a = new double[T], h = new double[T + 1], yHat = new double[T], loss = new double[T];
        h[0] = h0;
        for (int t = 1; t <= T; t++) {
            a[t - 1] = Wx * x[t - 1] + Wh * h[t - 1] + b;
            h[t] = f.apply(a[t - 1]);
            yHat[t - 1] = Wy * h[t];
            double e = yHat[t - 1] - y[t - 1];
            loss[t - 1] = e * e;
        }
        return new Forward(x.clone(), y.clone(), a, h, yHat, loss, Provenance.of(this));
    }

    /**
     * Backpropagation through time, from the last step to the first:
     * <pre>
     *   ∂L/∂h_t = 2(ŷ_t − y_t) W_y  +  ∂L/∂h_{t+1} · f'(a_{t+1}) W_h
     * </pre>
     * and each weight collects one term per step it was used in.
     */
    public Gradients backward(Forward fw) {
        own(fw);
        int T = fw.length();
        double[] dLdh = new double[T + 1];
        double dWx = 0, dWh = 0, dWy = 0, db = 0;
        double fromFuture = 0;                     // ∂L/∂h_t arriving through h_{t+1}
        for (int t = T; t >= 1; t--) {
            double dLdyHat = 2 * (fw.yHat[t - 1] - fw.y[t - 1]);
            dWy += dLdyHat * fw.h[t];
            dLdh[t] = dLdyHat * Wy + fromFuture;
            double dLda = dLdh[t] * f.derivativeFromOutput(fw.a[t - 1], fw.h[t]);
            dWx += dLda * fw.x[t - 1];
            dWh += dLda * fw.h[t - 1];
            db += dLda;
            fromFuture = dLda * Wh;
        }
        dLdh[0] = fromFuture;
        return new Gradients(dWx, dWh, dWy, db, dLdh);
    }

    /** ∂h_t/∂h_{t-1} = f'(a_t) W_h, for t = 1..T. */
    public double stepJacobian(Forward fw, int t) {
        Shapes.index(t, "t", own(fw).length());
        return f.derivativeFromOutput(fw.a[t - 1], fw.h[t]) * Wh;
    }

    /** ∂h_T/∂h_t = Π_{s=t+1..T} f'(a_s) W_h, for t = 0..T. */
    public double jacobianProduct(Forward fw, int t) {
        own(fw);
        if (t < 0 || t > fw.length()) throw new IllegalArgumentException("t = " + t + " is outside 0.." + fw.length());
        double p = 1;
        for (int s = fw.length(); s > t; s--) p *= stepJacobian(fw, s);
        return p;
    }

    /** {@code fw} if this network computed it (the weights here are fixed, so it cannot be stale). */
    private Forward own(Forward fw) {
        Shapes.notNull(fw, "fw", "the result of this network's forward pass");
        Provenance.require(fw.madeBy(), this, null, "fw");
        return fw;
    }

    /** The same network with one weight replaced (for finite differences and plots). */
    public ScalarRnn withWx(double w) { return new ScalarRnn(w, Wh, Wy, b, f); }
    public ScalarRnn withWh(double w) { return new ScalarRnn(Wx, w, Wy, b, f); }
    public ScalarRnn withWy(double w) { return new ScalarRnn(Wx, Wh, w, b, f); }
    public ScalarRnn withB(double v) { return new ScalarRnn(Wx, Wh, Wy, v, f); }

    /**
     * The loss as a function of the state at step {@code t}: runs steps t+1..T from {@code ht} and
     * adds the losses of steps t..T (step t's loss depends on h_t through ŷ_t). Losses before t do
     * not depend on h_t. This is what a finite-difference check of ∂L/∂h_t perturbs.
     */
    public double lossFrom(Forward fw, int t, double ht) {
        own(fw);
        Shapes.finite(ht, "ht");
        if (t < 0 || t > fw.length()) throw new IllegalArgumentException("t must be in 0.." + fw.length() + ", got " + t);
        double loss = 0, h = ht;
        if (t >= 1) { double e = Wy * h - fw.y[t - 1]; loss += e * e; }
        for (int s = t + 1; s <= fw.length(); s++) {
            h = f.apply(Wx * fw.x[s - 1] + Wh * h + b);
            double e = Wy * h - fw.y[s - 1];
            loss += e * e;
        }
        return loss;
    }
}
