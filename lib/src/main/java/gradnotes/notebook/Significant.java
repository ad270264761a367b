package gradnotes.notebook;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers cut to a few significant digits, for tables and sentences that a reader compares by eye
 * (the house rule is three or four): {@code Significant.format(0.389261745) → "0.3893"}.
 */
public final class Significant {
    private Significant() {}

    /** {@code v} rounded to {@code digits} significant digits (half to even); non-finite values unchanged. */
    public static double round(double v, int digits) {
        if (digits < 1) throw new IllegalArgumentException("digits must be at least 1, got " + digits);
        if (!Double.isFinite(v) || v == 0) return v;
        return new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN)).doubleValue();
    }

    /** {@code v} with {@code digits} significant digits, trailing zeros dropped; scientific below 1e-4 or from 1e6. */
    public static String format(double v, int digits) {
        if (!Double.isFinite(v)) return Double.toString(v);
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a < 1e-4 || a >= 1e6) {
            String s = String.format("%." + (digits - 1) + "e", v);
            String mantissa = s.substring(0, s.indexOf('e'));
            if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
            return mantissa + s.substring(s.indexOf('e'));
        }
        return new BigDecimal(round(v, digits)).round(new MathContext(digits, RoundingMode.HALF_EVEN))
                .stripTrailingZeros().toPlainString();
    }

    /** {@code v} with four significant digits. */
    public static String format(double v) { return format(v, 4); }
}
