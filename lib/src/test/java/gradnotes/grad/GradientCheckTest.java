package gradnotes.grad;

import gradnotes.nn.Parameters;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientCheckTest {
    /** L(A) = Σ sin(a_ij) · a_ij², whose gradient is known in closed form. */
    private static double loss(DMatrixRMaj a) {
        double s = 0;
        for (double v : a.data) s += Math.sin(v) * v * v;
        return s;
    }

    private static DMatrixRMaj exactGradient(DMatrixRMaj a) {
        DMatrixRMaj g = new DMatrixRMaj(a.numRows, a.numCols);
        for (int i = 0; i < a.data.length; i++) {
            double v = a.data[i];
            g.data[i] = Math.cos(v) * v * v + 2 * v * Math.sin(v);
        }
        return g;
    }

    @Test
    void acceptsTheRightGradientAndRestoresTheWeights() {
        DMatrixRMaj a = new DMatrixRMaj(2, 3, true, 0.3, -1.2, 2.0, 0.7, -0.1, 1.5);
        DMatrixRMaj before = a.copy();
        var report = GradientCheck.of(() -> loss(a), new Parameters().add("A", a), new Parameters().add("A", exactGradient(a)));
        assertTrue(report.passed(1e-7), report.toString());
        assertEquals(0, org.ejml.dense.row.CommonOps_DDRM.elementMaxAbs(diff(a, before)), 0.0);
    }

    @Test
    void rejectsAGradientWithOneWrongEntryAndNamesIt() {
        DMatrixRMaj a = new DMatrixRMaj(2, 2, true, 0.3, -1.2, 2.0, 0.7);
        DMatrixRMaj wrong = exactGradient(a);
        wrong.set(1, 0, wrong.get(1, 0) * 1.01);
        var report = GradientCheck.of(() -> loss(a), new Parameters().add("A", a), new Parameters().add("A", wrong));
        assertFalse(report.passed(1e-6));
        assertEquals(1, report.entry("A").worstRow());
        assertEquals(0, report.entry("A").worstCol());
        assertEquals(0.01 / 1.01, report.entry("A").maxRelativeError(), 1e-6);
        assertTrue(report.toString().contains("MISMATCH"));
        assertEquals(1, report.table().rowCount());
    }

    @Test
    void checksOneDerivativeOfAFunctionOfANumber() {
        var right = GradientCheck.ofScalar("d/dx x³", x -> x * x * x, 2.0, 12.0);
        assertTrue(right.passed(1e-8), right.toString());
        assertEquals(12.0, right.entry("d/dx x³").numeric(), 1e-8);
        assertFalse(GradientCheck.ofScalar("d/dx x³", x -> x * x * x, 2.0, 11.9).passed(1e-6));
    }

    @Test
    void refusesMismatchedShapes() {
        DMatrixRMaj a = new DMatrixRMaj(2, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(() -> 0,
                new Parameters().add("A", a), new Parameters().add("A", new DMatrixRMaj(2, 3))));
        assertEquals("A is 2×3, expected 2×2", e.getMessage());
    }

    @Test
    void anInfiniteAnalyticGradientFailsAndIsTheWorstEntry() {
        DMatrixRMaj a = new DMatrixRMaj(1, 3, true, 0.3, -1.2, 2.0);
        DMatrixRMaj analytic = exactGradient(a);
        analytic.set(0, 1, Double.POSITIVE_INFINITY);
        var report = GradientCheck.of(() -> loss(a), new Parameters().add("A", a), new Parameters().add("A", analytic));
        assertFalse(report.passed(1e-6), report.toString());
        assertEquals(Double.POSITIVE_INFINITY, report.maxRelativeError());
        assertEquals(1, report.entry("A").worstCol());
        assertTrue(report.toString().contains("MISMATCH at [0,1]"), report.toString());
    }

    @Test
    void aLossThatOverflowsToInfinityFails() {
        // L(a) = a² below 0.5 and +∞ from there: the step a + h overflows
        DMatrixRMaj a = new DMatrixRMaj(1, 1, true, 0.5 - 1e-6);
        DoubleSupplier overflowing = () -> a.get(0, 0) >= 0.5 ? Double.POSITIVE_INFINITY : a.get(0, 0) * a.get(0, 0);
        var report = GradientCheck.of(overflowing, new Parameters().add("a", a),
                new Parameters().add("a", new DMatrixRMaj(1, 1, true, 2 * a.get(0, 0))));
        assertFalse(report.passed(1e-6), report.toString());
        assertEquals(Double.POSITIVE_INFINITY, report.maxRelativeError());
    }

    @Test
    void aScalarCheckOnAnInfiniteDerivativeFailsInsteadOfGivingNaN() {
        var report = GradientCheck.ofScalar("d/dx x²", x -> x * x, 1.0, Double.POSITIVE_INFINITY);
        assertEquals(Double.POSITIVE_INFINITY, report.maxRelativeError());
        assertFalse(report.passed(1e-6));
        assertEquals(Double.POSITIVE_INFINITY, GradientCheck.relativeError(Double.NaN, 1.0));
        assertEquals(Double.POSITIVE_INFINITY, GradientCheck.relativeError(1.0, Double.NEGATIVE_INFINITY));
    }

    @Test
    void aLossThatThrowsLeavesEveryWeightAsItWas() {
        DMatrixRMaj a = new DMatrixRMaj(1, 2, true, 0.3, -1.2);
        DMatrixRMaj before = a.copy();
        DoubleSupplier failing = () -> {
            if (a.get(0, 1) != -1.2) throw new IllegalStateException("the loss failed on a perturbed weight");
            return loss(a);
        };
        var e = assertThrows(IllegalStateException.class, () -> GradientCheck.of(failing, new Parameters().add("A", a),
                new Parameters().add("A", exactGradient(a))));
        assertEquals("the loss failed on a perturbed weight", e.getMessage());
        assertEquals(0, org.ejml.dense.row.CommonOps_DDRM.elementMaxAbs(diff(a, before)), 0.0);
    }

    private static DMatrixRMaj diff(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj d = new DMatrixRMaj(a.numRows, a.numCols);
        org.ejml.dense.row.CommonOps_DDRM.subtract(a, b, d);
        return d;
    }
}
