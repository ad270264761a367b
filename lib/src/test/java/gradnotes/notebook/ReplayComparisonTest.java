package gradnotes.notebook;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayComparisonTest {
    @Test
    void verdictsFollowTheNumbers() {
        var c = new ReplayComparison("t", 2)
                .agrees("q", "0.57", 0.5744, 0.57)
                .row("y pre", "−0.52", -0.5269, -0.52, ReplayComparison.Expect.ROUNDING, "rounded p times w")
                .row("term", "0.5874", 0.58706, 0.58926, ReplayComparison.Expect.UNREPLAYED, "σ' from rounded y")
                .row("dw", "−0.02", -0.0773, -0.08, ReplayComparison.Expect.WRONG, "a slip");
        assertTrue(c.holds(), c.failures().toString());
        assertEquals(List.of("y pre"), c.quantities(ReplayComparison.Expect.ROUNDING));
        String text = c.toBundle().plain();
        assertTrue(text.contains("⚠ rounding: rounded p times w"), text);
        assertTrue(text.contains("✘ wrong: a slip"), text);
        assertTrue(text.contains("exact 0.5871"), "four significant digits: " + text);
        assertFalse(text.contains("✔ wrong"), text);
    }

    @Test
    void aClaimTheNumbersContradictIsReported() {
        var c = new ReplayComparison("t", 2).row("q", "0.57", 0.5744, 0.57, ReplayComparison.Expect.WRONG, "x");
        assertFalse(c.holds());
        assertEquals(List.of("q"), c.failures());
        assertTrue(c.toBundle().plain().contains("✘ claimed \"wrong\", but the numbers say \"agrees\""));
    }

    @Test
    void aPrintedZeroIsComparedAtTheSheetsDecimals() {
        var c = new ReplayComparison("t", 2).agrees("u", "0", -0.0058, 0);
        assertFalse(c.holds(), "−0.0058 rounds to −0.01, not the printed 0");
    }

    @Test
    void disagreementsNeedAReasonAndSheetValuesMustBeNumbers() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReplayComparison("t", 2).row("q", "1", 1, 1, ReplayComparison.Expect.WRONG, " "));
        assertThrows(IllegalArgumentException.class, () -> new ReplayComparison("t", 2).agrees("q", "≈1", 1, 1));
    }
}
