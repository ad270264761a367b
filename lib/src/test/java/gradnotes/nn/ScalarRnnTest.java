package gradnotes.nn;

import gradnotes.grad.GradientCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalarRnnTest {
    /** IN5400 week 10, task 1: h0 = 1, x = (10, 10), y = (5, 5), Wh = 1, Wx = 0.1, Wy = 2. */
    private final ScalarRnn sheet = new ScalarRnn(0.1, 1.0, 2.0);
    private final double[] x = {10, 10}, y = {5, 5};

    @Test
    void forwardMatchesTheSheet() {
        var fw = sheet.forward(1.0, x, y);
        assertEquals(2.0, fw.h(1), 1e-12);
        assertEquals(3.0, fw.h(2), 1e-12);
        assertEquals(4.0, fw.yHat(1), 1e-12);
        assertEquals(6.0, fw.yHat(2), 1e-12);        // 1.a
        assertEquals(1.0, fw.loss(1), 1e-12);
        assertEquals(1.0, fw.loss(2), 1e-12);
        assertEquals(2.0, fw.totalLoss(), 1e-12);    // 1.b
    }

    @Test
    void backwardMatchesTheSheetAndFiniteDifferences() {
        var fw = sheet.forward(1.0, x, y);
        var g = sheet.backward(fw);
        assertEquals(0.0, g.dLdh(1), 1e-12);         // 1.c: -4 + 4
        assertEquals(8.0, g.dWh(), 1e-12);           // 1.d: -4 + 12

        assertEquals(GradientCheck.derivative(h1 -> sheet.lossFrom(fw, 1, h1), fw.h(1)), g.dLdh(1), 1e-8);
        assertEquals(GradientCheck.derivative(w -> sheet.withWh(w).forward(1.0, x, y).totalLoss(), 1.0), g.dWh(), 1e-7);
        assertEquals(GradientCheck.derivative(w -> sheet.withWx(w).forward(1.0, x, y).totalLoss(), 0.1), g.dWx(), 1e-6);
        assertEquals(GradientCheck.derivative(w -> sheet.withWy(w).forward(1.0, x, y).totalLoss(), 2.0), g.dWy(), 1e-7);
    }

    @Test
    void everyGradientOfATanhRnnAgreesWithFiniteDifferences() {
        var rnn = new ScalarRnn(0.7, -0.9, 1.3, 0.2, Activation.TANH);
        double[] xs = {0.5, -1.0, 0.3, 2.0, -0.4}, ys = {0.1, 0.2, -0.3, 0.4, 0.0};
        var fw = rnn.forward(0.3, xs, ys);
        var g = rnn.backward(fw);
        assertEquals(GradientCheck.derivative(w -> rnn.withWx(w).forward(0.3, xs, ys).totalLoss(), rnn.Wx), g.dWx(), 1e-8);
        assertEquals(GradientCheck.derivative(w -> rnn.withWh(w).forward(0.3, xs, ys).totalLoss(), rnn.Wh), g.dWh(), 1e-8);
        assertEquals(GradientCheck.derivative(w -> rnn.withWy(w).forward(0.3, xs, ys).totalLoss(), rnn.Wy), g.dWy(), 1e-8);
        assertEquals(GradientCheck.derivative(v -> rnn.withB(v).forward(0.3, xs, ys).totalLoss(), rnn.b), g.db(), 1e-8);
        for (int t = 0; t <= 5; t++) {
            int s = t;
            assertEquals(GradientCheck.derivative(h -> rnn.lossFrom(fw, s, h), fw.h(s)), g.dLdh(s), 1e-8, "dL/dh_" + t);
        }
    }

    @Test
    void jacobianProductIsTheProductOfStepFactors() {
        var rnn = new ScalarRnn(0.5, 0.9, 1.0, 0.0, Activation.TANH);
        double[] xs = new double[20], ys = new double[20];
        java.util.Arrays.fill(xs, 0.1);
        var fw = rnn.forward(0.0, xs, ys);
        // numerically: perturb h_5 and watch h_20
        double h = 1e-6;
        double plus = hAfter(rnn, fw.h(5) + h, xs, 5), minus = hAfter(rnn, fw.h(5) - h, xs, 5);
        assertEquals((plus - minus) / (2 * h), rnn.jacobianProduct(fw, 5), 1e-8);
        assertTrue(Math.abs(rnn.jacobianProduct(fw, 0)) < 0.9 * 0.9 * 0.9, "tanh with |Wh| < 1 shrinks the product");
    }

    private static double hAfter(ScalarRnn rnn, double ht, double[] xs, int t) {
        double h = ht;
        for (int s = t + 1; s <= xs.length; s++) h = rnn.f.apply(rnn.Wx * xs[s - 1] + rnn.Wh * h + rnn.b);
        return h;
    }

    @Test
    void badInputIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> sheet.forward(1.0, new double[] {1, 2}, new double[] {1}));
        assertEquals("x has 2 steps but y has 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sheet.forward(1.0, new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new ScalarRnn(Double.NaN, 1, 1));
    }
}
