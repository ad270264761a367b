package gradnotes.notebook;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelfCheckTest {
    @Test
    void numbersAreJudgedAtTheKeysPrecisionWithoutShowingTheAnswer() {
        String key = SelfCheck.numberKey("ŷ₂", 2, 6);
        assertFalse(key.contains("6.00"), key);
        assertTrue(SelfCheck.number("ŷ₂", Double.NaN, key).toString()
                .startsWith("✎ ŷ₂: not answered yet. Replace Double.NaN with your value (checked to 2 decimals)"));
        assertEquals("✓ ŷ₂: 6.00 is right.", SelfCheck.number("ŷ₂", 6.0, key).toString());
        assertTrue(SelfCheck.number("ŷ₂", 6.004, key).right());
        assertFalse(SelfCheck.number("ŷ₂", 6.006, key).right());
        String wrong = SelfCheck.number("ŷ₂", -5, key).toString();
        assertTrue(wrong.startsWith("✗ ŷ₂: -5.00 is not it yet"), wrong);
        assertFalse(wrong.contains("6"), "the expected value is not revealed");
    }

    @Test
    void aKeyMayAcceptSeveralValuesAndZeroHasOneSign() {
        String key = SelfCheck.numberKey("∂E/∂p₁", 2, 0.49, 0.48);
        assertTrue(SelfCheck.number("∂E/∂p₁", 0.49, key).right());
        assertTrue(SelfCheck.number("∂E/∂p₁", 0.48, key).right());
        assertFalse(SelfCheck.number("∂E/∂p₁", 0.47, key).right());
        String zero = SelfCheck.numberKey("∂L/∂h₁", 2, 0);
        assertTrue(SelfCheck.number("∂L/∂h₁", -0.001, zero).right());
    }

    @Test
    void equalAnswersGetDifferentKeysAndAKeyBelongsToItsQuestion() {
        String q1 = SelfCheck.numberKey("Q1", 0, 1), q2 = SelfCheck.numberKey("Q2", 0, 1);
        assertNotEquals(q1.split(":")[2], q2.split(":")[2]);
        assertNotEquals(SelfCheck.numberKey("Q1", 0, 1), q1, "a fresh salt every time");
        assertFalse(SelfCheck.number("Q2", 1, q1).right(), "a key checks its own question only");
        String c1 = SelfCheck.choicesKey("Q1", Set.of("a", "d")), c2 = SelfCheck.choicesKey("Q2", Set.of("a", "d"));
        assertNotEquals(c1.split(":")[2], c2.split(":")[2]);
    }

    @Test
    void choicesIgnoreOrderCaseAndSpaces() {
        String key = SelfCheck.choicesKey("GRU", Set.of("Reset gate", "Update gate"));
        assertEquals("✓ GRU: {resetgate, updategate} is right.",
                SelfCheck.choices("GRU", Set.of("update gate", "resetgate"), key).toString());
        assertTrue(SelfCheck.choices("GRU", Set.of("update gate"), key).toString().startsWith("✗"));
        assertTrue(SelfCheck.choices("GRU", Set.of(), key).toString().startsWith("✎"));
    }

    @Test
    void aChoicesKeyCanAcceptMoreThanOneSet() {
        String key = SelfCheck.choicesKey("Q2", Set.of("b", "c"), Set.of("a", "b", "c"));
        assertTrue(SelfCheck.choices("Q2", Set.of("c", "b"), key).right());
        assertTrue(SelfCheck.choices("Q2", Set.of("a", "b", "c"), key).right());
        assertFalse(SelfCheck.choices("Q2", Set.of("a", "b"), key).right());
        assertFalse(SelfCheck.choices("Q2", Set.of("a"), key).right());
        assertThrows(IllegalArgumentException.class,
                () -> SelfCheck.choicesKey("Q2", Set.of("b"), (Set<String>) null));
    }

    @Test
    void orFailThrowsWithTheMessageUnlessRight() {
        String key = SelfCheck.numberKey("L", 0, 2);
        SelfCheck.number("L", 2, key).orFail();
        var e = assertThrows(IllegalStateException.class, () -> SelfCheck.number("L", 3, key).orFail());
        assertTrue(e.getMessage().startsWith("✗ L: 3 is not it yet"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> SelfCheck.number("L", Double.NaN, key).orFail());
    }

    @Test
    void badKeysAreRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> SelfCheck.number("L", 2, "3f7dc29ee8aedb34"));
        assertTrue(e.getMessage().contains("not a number key"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SelfCheck.choices("Q", Set.of("a"), SelfCheck.numberKey("Q", 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> SelfCheck.numberKey("Q", 2));
    }
}
