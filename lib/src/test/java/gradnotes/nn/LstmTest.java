package gradnotes.nn;

import gradnotes.grad.GradientCheck;
import gradnotes.grad.GradientTrace;
import gradnotes.testing.RecurrentChecks;
import gradnotes.testing.Reference;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LstmTest {
    private static Lstm withRandomBiases(int in, int hidden, Random rng) {
        Lstm l = Lstm.init(in, hidden, 1.0, rng);
        for (DMatrixRMaj b : List.of(l.bi, l.bf, l.bo, l.bc)) b.setData(Init.normal(hidden, 1, 0.5, rng).data);
        return l;
    }

    @ParameterizedTest(name = "in={0} hidden={1} batch={2} steps={3}")
    @CsvSource({"3, 4, 2, 6, 1", "1, 1, 1, 1, 2", "2, 5, 3, 4, 3", "4, 2, 1, 8, 4"})
    void everyGradientAgreesWithFiniteDifferences(int in, int hidden, int batch, int steps, long seed) {
        Random rng = new Random(seed);
        var report = RecurrentChecks.check(withRandomBiases(in, hidden, rng), batch, steps, rng);
        assertTrue(report.passed(1e-6), report::toString);
    }

    @Test
    void matchesTorchLstm() {
        Reference ref = Reference.load("lstm");
        Lstm lstm = new Lstm(ref.get("Wi"), ref.get("Ui"), ref.get("bi"), ref.get("Wf"), ref.get("Uf"), ref.get("bf"),
                ref.get("Wo"), ref.get("Uo"), ref.get("bo"), ref.get("Wc"), ref.get("Uc"), ref.get("bc"));
        RecurrentChecks.assertMatchesReference(lstm, ref, 1e-12);
    }

    @Test
    void cellGradientsAgreeWithFiniteDifferencesOnTheInitialCell() {
        Random rng = new Random(7);
        Lstm lstm = withRandomBiases(2, 3, rng);
        var xs = RecurrentChecks.randomSequence(2, 1, 5, rng);
        var G = RecurrentChecks.randomSequence(3, 1, 5, rng);
        DMatrixRMaj h0 = Init.normal(3, 1, 0.5, rng), c0 = Init.normal(3, 1, 0.5, rng);
        var g = lstm.backwardWithCells(lstm.forward(xs, h0, c0), G);
        var wrt = new Parameters().add("c0", c0).add("h0", h0);
        var analytic = new Parameters().add("c0", g.dc0()).add("h0", g.sequence().dh0());
        var report = GradientCheck.of(() -> {
            var run = lstm.forward(xs, h0, c0);
            double s = 0;
            for (int t = 1; t <= 5; t++) for (int k = 0; k < 3; k++) s += run.h(t).get(k, 0) * G.get(t - 1).get(k, 0);
            return s;
        }, wrt, analytic);
        assertTrue(report.passed(1e-6), report::toString);
    }

    @Test
    void theTotalCellGradientAgreesWithFiniteDifferencesAtEveryStep() {
        Random rng = new Random(11);
        Lstm lstm = withRandomBiases(2, 3, rng);
        int T = 5;
        var xs = RecurrentChecks.randomSequence(2, 2, T, rng);
        var G = RecurrentChecks.randomSequence(3, 2, T, rng);
        var run = lstm.forward(xs);
        var dcs = lstm.backwardWithCells(run, G).dcs();
        for (int t = 1; t <= T; t++) {
            int tt = t;
            DMatrixRMaj c = run.c(t).copy(), o = run.step(t).o();
            // L as a function of c_t alone: h_t = o_t ∘ tanh(c_t), then the steps after t continue from (h_t, c_t)
            var report = GradientCheck.of(() -> {
                DMatrixRMaj h = new DMatrixRMaj(3, 2);
                for (int k = 0; k < h.data.length; k++) h.data[k] = o.data[k] * Math.tanh(c.data[k]);
                double L = dot(h, G.get(tt - 1));
                if (tt < T) {
                    var rest = lstm.forward(xs.subList(tt, T), h, c);
                    for (int s = 1; s <= rest.length(); s++) L += dot(rest.h(s), G.get(tt - 1 + s));
                }
                return L;
            }, new Parameters().add("c_" + t, c), new Parameters().add("c_" + t, dcs.get(t - 1)));
            assertTrue(report.passed(1e-6), report::toString);
        }
    }

    private static double dot(DMatrixRMaj a, DMatrixRMaj b) {
        double s = 0;
        for (int k = 0; k < a.data.length; k++) s += a.data[k] * b.data[k];
        return s;
    }

    @Test
    void withoutRecurrentWeightsTheCellPathIsTheWholeCellJacobian() {
        // with U_i = U_f = U_o = U_c = 0 no gate sees h, so ∂c_T/∂c_t = diag(Π f_s) exactly
        Random rng = new Random(12);
        Lstm lstm = withRandomBiases(2, 3, rng);
        for (DMatrixRMaj U : List.of(lstm.Ui, lstm.Uf, lstm.Uo, lstm.Uc)) U.zero();
        int T = 6, t = 2;
        var xs = RecurrentChecks.randomSequence(2, 1, T, rng);
        var run = lstm.forward(xs);
        DMatrixRMaj path = lstm.cellPathProduct(run, t);
        double step = 1e-6;
        for (int k = 0; k < 3; k++) {
            DMatrixRMaj plus = run.c(t).copy(), minus = run.c(t).copy();
            plus.add(k, 0, step);
            minus.add(k, 0, -step);
            DMatrixRMaj a = lstm.forward(xs.subList(t, T), run.h(t), plus).c(T - t);
            DMatrixRMaj b = lstm.forward(xs.subList(t, T), run.h(t), minus).c(T - t);
            for (int i = 0; i < 3; i++)
                assertEquals(i == k ? path.get(k, 0) : 0.0, (a.get(i, 0) - b.get(i, 0)) / (2 * step), 1e-9, "∂c_6,i/∂c_2,k i=" + i + " k=" + k);
        }
    }

    @Test
    void theStateJacobianNormAgreesWithFiniteDifferences() {
        // ∂h_T/∂h_t with c_t held fixed: the path through the gates, which GradientTrace measures
        Random rng = new Random(13);
        Lstm lstm = withRandomBiases(2, 3, rng);
        int T = 5, t = 2;
        var xs = RecurrentChecks.randomSequence(2, 1, T, rng);
        var run = lstm.forward(xs);
        double norm = GradientTrace.jacobianNorms(lstm, run, "lstm").doubleColumn("norm").get(t);
        double step = 1e-6, squares = 0;
        for (int k = 0; k < 3; k++) {
            DMatrixRMaj plus = run.h(t).copy(), minus = run.h(t).copy();
            plus.add(k, 0, step);
            minus.add(k, 0, -step);
            DMatrixRMaj a = lstm.forward(xs.subList(t, T), plus, run.c(t)).h(T - t);
            DMatrixRMaj b = lstm.forward(xs.subList(t, T), minus, run.c(t)).h(T - t);
            for (int i = 0; i < 3; i++) { double d = (a.get(i, 0) - b.get(i, 0)) / (2 * step); squares += d * d; }
        }
        assertTrue(norm > 1e-3, "‖∂h_5/∂h_2‖ = " + norm);
        assertEquals(Math.sqrt(squares), norm, 1e-8);
    }

    @Test
    void zeroInputsStillGetCorrectGradients() {
        Random rng = new Random(14);
        Lstm lstm = withRandomBiases(3, 4, rng);
        List<DMatrixRMaj> zeros = List.of(new DMatrixRMaj(3, 2), new DMatrixRMaj(3, 2), new DMatrixRMaj(3, 2));
        assertTrue(org.ejml.dense.row.NormOps_DDRM.normF(lstm.forward(zeros).h(3)) > 0.1, "the biases alone move the state");
        var report = RecurrentChecks.check(lstm, zeros, rng);
        assertTrue(report.passed(1e-6), report::toString);
    }

    @Test
    void theCellPathIsTheProductOfForgetGates() {
        Random rng = new Random(3);
        Lstm lstm = Lstm.init(2, 2, 3.0, rng);
        var run = lstm.forward(RecurrentChecks.randomSequence(2, 1, 4, rng));
        DMatrixRMaj p = lstm.cellPathProduct(run, 1);
        for (int k = 0; k < 2; k++) {
            double expected = run.step(2).f().get(k, 0) * run.step(3).f().get(k, 0) * run.step(4).f().get(k, 0);
            assertEquals(expected, p.get(k, 0), 1e-15);
        }
        assertEquals(1.0, lstm.cellPathProduct(run, 4).get(0, 0), 0.0);
    }

    @Test
    void zeroInputDoesNotKeepTheStateUnchanged() {
        // CO3086 problem 3a: x_t = 0 still leaves h_{t-1} to drive the gates
        Random rng = new Random(4);
        Lstm lstm = withRandomBiases(2, 3, rng);
        DMatrixRMaj h = Init.normal(3, 1, 0.5, rng), c = Init.normal(3, 1, 0.5, rng);
        var s = lstm.step(new DMatrixRMaj(2, 1), h, c);
        assertTrue(!MatrixFeatures_DDRM.isIdentical(h, s.h(), 1e-3));
    }

    @Test
    void aForgetGateNearOneKeepsTheGradientAlongTheCells() {
        Random rng = new Random(5);
        Lstm lstm = Lstm.init(3, 8, 6.0, rng);
        var run = lstm.forward(RecurrentChecks.randomSequence(3, 1, 50, rng));
        double cellPath = org.ejml.dense.row.NormOps_DDRM.normF(lstm.cellPathProduct(run, 0));
        assertTrue(cellPath > 0.5, "‖Π f_s‖ over 50 steps = " + cellPath);
        assertTrue(GradientTrace.jacobianNorms(lstm, run, "lstm").doubleColumn("norm").get(0) > 0);
    }

    @Test
    void continuingCarriesTheCell() {
        Random rng = new Random(8);
        Lstm lstm = withRandomBiases(2, 3, rng);
        var xs = RecurrentChecks.randomSequence(2, 2, 6, rng);
        var whole = lstm.forward(xs);
        var rest = lstm.forward(xs.subList(3, 6), lstm.forward(xs.subList(0, 3)));
        assertTrue(MatrixFeatures_DDRM.isIdentical(whole.c(6), rest.c(3), 1e-15));
        assertTrue(MatrixFeatures_DDRM.isIdentical(whole.h(6), rest.h(3), 1e-15));
    }

    @Test
    void badInputIsNamed() {
        Lstm lstm = Lstm.init(2, 3, 1.0, new Random(1));
        assertEquals("x_2 is 3×1, expected 2×1", assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(List.of(new DMatrixRMaj(2, 1), new DMatrixRMaj(3, 1)))).getMessage());
        assertEquals("c0 is 3×2, expected 3×1", assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(List.of(new DMatrixRMaj(2, 1)), new DMatrixRMaj(3, 1), new DMatrixRMaj(3, 2))).getMessage());
        var gruRun = Gru.init(2, 3, new Random(2)).forward(List.of(new DMatrixRMaj(2, 1)));
        assertEquals("an LSTM backpropagates through its own run, got gradnotes.nn.Gru$Run", assertThrows(IllegalArgumentException.class,
                () -> lstm.backward(gruRun, List.of(new DMatrixRMaj(3, 1)))).getMessage());
        var run = lstm.forward(List.of(new DMatrixRMaj(2, 1), new DMatrixRMaj(2, 1)));
        assertEquals("t must be in 0..2, got 3", assertThrows(IllegalArgumentException.class,
                () -> lstm.cellPathProduct(run, 3)).getMessage());
        assertEquals("dLdh has 1 steps but the run has 2", assertThrows(IllegalArgumentException.class,
                () -> lstm.backwardWithCells(run, List.of(new DMatrixRMaj(3, 1)))).getMessage());
        assertEquals("an LSTM continues from an LSTM run, got gradnotes.nn.Gru$Run", assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(List.of(new DMatrixRMaj(2, 1)), gruRun)).getMessage());
    }
}
