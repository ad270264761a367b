package gradnotes.notebook;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NumbersTest {

    @Test
    void sigKeepsFourSignificantDigits() {
        assertEquals("0.4555", Numbers.sig(0.45554914));
        assertEquals("1.594e5", Numbers.sig(159374.838));
        assertEquals("7.04e-8", Numbers.sig(7.039843852e-08));
        assertEquals("-0.0503", Numbers.sig(-0.05030001));
        assertEquals("2", Numbers.sig(2.0));
        assertEquals("0", Numbers.sig(0));
        assertEquals("0.001", Numbers.sig(0.00099999));
        assertEquals("9.99e-4", Numbers.sig(0.000999));
        assertEquals("63900", Numbers.sig(63902.1));
        assertEquals("27.1", Numbers.sig(27.1, 3));
    }

    @Test
    void sigRefusesNoDigits() {
        assertThrows(IllegalArgumentException.class, () -> Numbers.sig(1.0, 0));
    }
}
