package gradnotes.notebook;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SignificantTest {
    @Test
    void fourDigitsByDefault() {
        assertEquals("0.3893", Significant.format(0.389261745));
        assertEquals("-0.2771", Significant.format(-0.27708609534302486));
        assertEquals("2", Significant.format(2.0));
        assertEquals("8.7e+27", Significant.format(8.7e27));
        assertEquals("1.53e-09", Significant.format(1.53039784e-09, 3));
        assertEquals("0", Significant.format(0));
        assertEquals(0.01740, Significant.round(0.01740134684, 4), 0);
        assertEquals(1235000, Significant.round(1234567, 4), 0);
        assertThrows(IllegalArgumentException.class, () -> Significant.round(1, 0));
    }
}
