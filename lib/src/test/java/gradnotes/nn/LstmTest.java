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
        assertEquals("an LSTM continues from an LSTM run, got Run", assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(List.of(new DMatrixRMaj(2, 1)), gruRun)).getMessage());
    }
}
