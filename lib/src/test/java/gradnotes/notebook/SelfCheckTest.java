package gradnotes.notebook;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelfCheckTest {
    @Test
    void numbersAreJudgedWithoutShowingTheAnswer() {
        assertTrue(SelfCheck.number("ŷ₂", Double.NaN, 6, 1e-6).toString().startsWith("✎ ŷ₂: not answered yet"));
        assertEquals("✓ ŷ₂: 6 is right.", SelfCheck.number("ŷ₂", 6.0, 6, 1e-6).toString());
        String wrong = SelfCheck.number("ŷ₂", -5, 6, 1e-6).toString();
        assertTrue(wrong.startsWith("✗ ŷ₂: -5 is not it yet. Check the sign."), wrong);
        assertTrue(!wrong.contains("6"), "the expected value is not revealed");
    }

    @Test
    void hashedChoicesIgnoreOrderCaseAndSpaces() {
        String key = SelfCheck.key(Set.of("Reset gate", "Update gate"));
        assertEquals("✓ GRU: right.", SelfCheck.choices("GRU", Set.of("update gate", "resetgate"), key).toString());
        assertTrue(SelfCheck.choices("GRU", Set.of("update gate"), key).toString().startsWith("✗"));
        assertTrue(SelfCheck.choices("GRU", Set.of(), key).toString().startsWith("✎"));
        assertEquals(16, key.length());
    }
}
