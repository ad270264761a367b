package gradnotes.nn;

import gradnotes.grad.GradientCheck;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MlpTest {

    @ParameterizedTest(name = "widths {0}, {1}, bias {2}, cross-entropy {3}")
    @CsvSource({"3-4-2, SIGMOID, true, false, 1", "2-5-5-3, TANH, false, true, 2", "4-3-3-3-1, RELU, true, false, 3",
            "1-1, IDENTITY, false, false, 4", "3-6-4, TANH, true, true, 5"})
    void everyGradientAgreesWithFiniteDifferences(String widths, Activation hidden, boolean bias, boolean crossEntropy, long seed) {
        Random rng = new Random(seed);
        int[] w = java.util.Arrays.stream(widths.split("-")).mapToInt(Integer::parseInt).toArray();
        Mlp mlp = Mlp.init(w, hidden, crossEntropy ? Activation.IDENTITY : Activation.SIGMOID, bias, rng);
        if (bias) for (var l : mlp.layers) l.b.setData(Init.normal(l.out(), 1, 0.3, rng).data);
        Loss loss = crossEntropy ? new SoftmaxCrossEntropy() : new SquaredError();
        DMatrixRMaj x = Init.normal(w[0], 3, 1.0, rng);
        DMatrixRMaj target = crossEntropy ? oneHots(w[w.length - 1], rng) : Init.uniform(w[w.length - 1], 3, 1.0, rng);
        var back = mlp.backward(mlp.forward(x), loss, target);
        Parameters wrt = new Parameters().addAll("", mlp.parameters()).add("x", x);
        Parameters analytic = new Parameters().addAll("", back.parameters()).add("x", back.dEdx());
        var report = GradientCheck.of(() -> loss.value(mlp.forward(x).output(), target), wrt, analytic);
        assertTrue(report.passed(1e-6), report::toString);
    }

    private static DMatrixRMaj oneHots(int classes, Random rng) {
        DMatrixRMaj t = new DMatrixRMaj(classes, 3);
        for (int j = 0; j < 3; j++) t.set(rng.nextInt(classes), j, 1.0);
        return t;
    }

    /** DL4NLP 2020 exercise 03, task 3: x = (0, 1), t = (1, 1), sigmoid everywhere, squared error. */
    private static final DMatrixRMaj U = new DMatrixRMaj(2, 3, true, 1.20, -1.20, -0.11, 0.30, 1.10, 0.65);
    private static final DMatrixRMaj V = new DMatrixRMaj(3, 1, true, -0.25, -1.10, -0.09);
    private static final DMatrixRMaj W = new DMatrixRMaj(1, 2, true, -2.00, 0.43);
    private static final DMatrixRMaj x = new DMatrixRMaj(2, 1, true, 0, 1), t = new DMatrixRMaj(2, 1, true, 1, 1);

    @Test
    void reproducesTheSheetWhereItIsRight() {
        Mlp mlp = Mlp.fromSheetMatrices(Activation.SIGMOID, U, V, W);
        var fw = mlp.forward(x);
        var back = mlp.backward(fw, new SquaredError(), t);
        assertEquals(0.30, fw.z(1).get(0, 0), 1e-15);                 // q1 pre-activation
        assertEquals(0.57, round2(fw.a(1).get(0, 0)));                 // q1
        assertEquals(0.37, round2(fw.output().get(0, 0)));             // y1
        assertEquals(0.53, round2(fw.output().get(1, 0)));             // y2
        assertEquals(-1.26, round2(back.dEda(3).get(0, 0)));           // ∂E/∂y1
        assertEquals(-0.94, round2(back.dEda(3).get(1, 0)));           // ∂E/∂y2
        assertEquals(0.49, round2(back.dEda(2).get(0, 0)));            // ∂E/∂p1
        assertEquals(-0.02, round2(back.dEda(1).get(0, 0)));           // ∂E/∂q1
        assertEquals(-0.06, round2(back.dEdW(3).get(1, 0)));           // ∂E/∂w12 (W^(3) = Wᵀ: row = output, column = input)
        assertEquals(0.05, round2(back.dEdW(2).get(0, 0)));            // ∂E/∂v11
        assertEquals(0.07, round2(back.dEdW(2).get(0, 1)));            // ∂E/∂v21
        assertEquals(0.06, round2(back.dEdW(2).get(0, 2)));            // ∂E/∂v31
        assertEquals(0.0, back.dEdW(1).get(0, 0), 0.0);                // ∂E/∂u11 = … · x1 = 0
        assertEquals(-0.02, round2(back.dEdW(1).get(1, 1)));           // ∂E/∂u22
    }

    @Test
    void pinsTheValuesTheSheetGetsWrong() {
        Mlp mlp = Mlp.fromSheetMatrices(Activation.SIGMOID, U, V, W);
        var back = mlp.backward(mlp.forward(x), new SquaredError(), t);
        // the sheet prints ∂E/∂w11 ≈ -0.02, but -1.26 · sig'(-0.52) · 0.26 = -0.0764 (exact: -0.0773): it rounds to -0.08
        assertEquals(-0.08, round2(back.dEdW(3).get(0, 0)));
        assertEquals(-0.0773, back.dEdW(3).get(0, 0), 1e-4);
        // ∂E/∂u21 = ∂E/∂q1 · sig'(0.3) · x2 = -0.0058: -0.01 exactly rounded, 0 only if ∂E/∂q1 is rounded first
        assertEquals(-0.01, round2(back.dEdW(1).get(0, 1)));
    }

    @Test
    void roundingWhatIsWrittenDownReplaysTheSheetsHandCalculation() {
        Mlp rounded = Mlp.fromSheetMatrices(Activation.SIGMOID, U, V, W).rounding(2);
        var fw = rounded.forward(x);
        var back = rounded.backward(fw, new SquaredError(), t);
        assertEquals(0.57, fw.a(1).get(0, 0), 0.0);
        assertEquals(0.26, fw.a(2).get(0, 0), 0.0);
        assertEquals(-0.52, fw.z(3).get(0, 0), 0.0);                  // y1's pre-activation as the sheet writes it (exact: -0.527)
        assertEquals(0.11, fw.z(3).get(1, 0), 0.0);
        assertEquals(-1.26, back.dEda(3).get(0, 0), 0.0);
        assertEquals(0.49, back.dEda(2).get(0, 0), 0.0);
        assertEquals(-0.02, back.dEda(1).get(0, 0), 0.0);
        assertEquals(-0.06, back.dEdW(3).get(1, 0), 0.0);
        assertEquals(0.05, back.dEdW(2).get(0, 0), 0.0);
        assertEquals(0.0, back.dEdW(1).get(0, 1), 0.0);               // the sheet's "∂E/∂u21 ≈ 0" under its own rule (exact: -0.0058)
        assertEquals(-0.02, back.dEdW(1).get(1, 1), 0.0);
        // the slip stays a slip: the sheet's own rounded chain gives -0.08 for ∂E/∂w11, not -0.02
        assertEquals(-0.08, back.dEdW(3).get(0, 0), 0.0);
    }

    @Test
    void equalWeightsMakeHiddenUnitsIdenticalAndZeroWeightsCutTheGradient() {
        Random rng = new Random(3);
        Linear first = Linear.init(3, 4, false, rng), last = Linear.init(4, 2, false, rng);
        Linear equal = new Linear(Init.constant(4, 4, 1.0), null);
        Mlp sym = new Mlp(java.util.List.of(first, equal, last), java.util.List.of(Activation.SIGMOID, Activation.SIGMOID, Activation.SIGMOID));
        DMatrixRMaj in = Init.normal(3, 1, 1.0, rng), target = Init.uniform(2, 1, 1.0, rng);
        var fw = sym.forward(in);
        for (int i = 1; i < 4; i++) assertEquals(fw.a(2).get(0, 0), fw.a(2).get(i, 0), 0.0, "hidden unit " + i);

        Linear zero = new Linear(new DMatrixRMaj(4, 4), null);
        Mlp cut = new Mlp(java.util.List.of(first, zero, last), java.util.List.of(Activation.SIGMOID, Activation.SIGMOID, Activation.SIGMOID));
        var back = cut.backward(cut.forward(in), new SquaredError(), target);
        for (double v : back.dEda(1).data) assertEquals(0.0, v, 0.0);
        for (double v : back.dEdW(1).data) assertEquals(0.0, v, 0.0);
        assertTrue(org.ejml.dense.row.NormOps_DDRM.normF(back.dEdW(2)) > 0, "the zero matrix itself still gets a gradient");
    }

    @Test
    void badInputIsNamed() {
        Mlp mlp = Mlp.fromSheetMatrices(Activation.SIGMOID, U, V, W);
        assertEquals("x has 3 rows, W1 (3×2) expects 2", assertThrows(IllegalArgumentException.class,
                () -> mlp.forward(new DMatrixRMaj(3, 1))).getMessage());
        assertEquals("layer 2 reads 3 inputs but layer 1 has 4 outputs", assertThrows(IllegalArgumentException.class,
                () -> new Mlp(java.util.List.of(Linear.init(2, 4, false, new Random(1)), Linear.init(3, 1, false, new Random(1))),
                        java.util.List.of(Activation.TANH, Activation.TANH))).getMessage());
        DMatrixRMaj nan = new DMatrixRMaj(2, 1, true, 0, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> mlp.forward(nan));
    }

    private static double round2(double v) { return gradnotes.notebook.Numbers.round(v, 2); }
}
