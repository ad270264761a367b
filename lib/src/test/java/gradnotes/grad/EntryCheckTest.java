package gradnotes.grad;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntryCheckTest {
    // L(W) = Σ w_ij³, so ∂L/∂w_ij = 3 w_ij²
    private static final DMatrixRMaj W = new DMatrixRMaj(2, 2, true, 1, -2, 0.5, 3);

    private static double loss() {
        double s = 0;
        for (double w : W.data) s += w * w * w;
        return s;
    }

    @Test
    void aRightGradientPassesAndTheMatrixIsPutBack() {
        DMatrixRMaj right = new DMatrixRMaj(2, 2, true, 3, 12, 0.75, 27);
        var check = EntryCheck.ofMatrix("∂L/∂W", right, EntryCheckTest::loss, W);
        assertTrue(check.passed(), check.verdict());
        assertTrue(check.verdict().startsWith("✓ ∂L/∂W: all 4 entries agree"), check.verdict());
        assertEquals(-2, W.get(0, 1));
        check.orFail();
    }

    @Test
    void wrongEntriesAreNamedWithHowFarOffTheyAre() {
        DMatrixRMaj wrong = new DMatrixRMaj(2, 2, true, 3, 12, 0.5, 26);
        var check = EntryCheck.ofMatrix("∂L/∂W", wrong, EntryCheckTest::loss, W);
        assertEquals(List.of(2, 3), check.wrong());
        String v = check.verdict();
        assertTrue(v.startsWith("✗ ∂L/∂W: 2 of 4 entries are wrong:"), v);
        assertTrue(v.contains("[2,1]: yours 0.500000, finite differences 0.750000, off by -0.250000"), v);
        assertTrue(v.contains("[2,2]: yours 26.0000"), v);
        assertFalse(v.contains("[1,1]"), v);
        var e = assertThrows(IllegalStateException.class, check::orFail);
        assertEquals(v, e.getMessage());
        assertEquals("WRONG", check.table().stringColumn("verdict").get(3));
    }

    @Test
    void nothingWrittenYetIsSaidSo() {
        var check = EntryCheck.of("∂L/∂W_h", List.of("T = 2", "T = 5"), new double[] {Double.NaN, Double.NaN},
                new double[] {1, 2});
        assertFalse(check.answered());
        assertTrue(check.verdict().startsWith("✎ ∂L/∂W_h: not written yet"), check.verdict());
        assertThrows(IllegalStateException.class, check::orFail);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> EntryCheck.of("g", List.of("a"), new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("yours has 2 entries"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EntryCheck.ofMatrix("g", new DMatrixRMaj(1, 2), EntryCheckTest::loss, W));
        assertTrue(e.getMessage().contains("yours is 1×2, theta is 2×2"), e.getMessage());
    }
}
