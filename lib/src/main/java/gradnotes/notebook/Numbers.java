package gradnotes.notebook;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How numbers are written in notebook output: short but exact enough to compare, and, next to
 * them, the value as a sheet rounds it.
 */
public final class Numbers {
    private Numbers() {}

    /**
     * How a number is shown to a reader (tables, matrices, diagrams): four significant digits, as
     * {@link #sig(double)}. {@code 0.389261745 → "0.3893"}, {@code 63902809.21 → "6.39e7"},
     * {@code NaN → "NaN"}. Where a comparison needs more digits, use {@link #full}.
     */
    public static String format(double v) { return sig(v, 4); }

    /**
     * Up to 10 significant digits, trailing zeros dropped; scientific notation for very small or
     * very large magnitudes: for comparisons that need the digits (a student's answer echoed back,
     * a computed value beside a sheet's). {@code 2.0 → "2"}, {@code 0.5874321 → "0.5874321"},
     * {@code 3.2e-9 → "3.2e-09"}.
     */
    public static String full(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e9) {
            BigDecimal d = new BigDecimal(v).round(new java.math.MathContext(10, RoundingMode.HALF_EVEN)).stripTrailingZeros();
            return d.toPlainString();
        }
        String s = String.format("%.9e", v);
        String mantissa = s.substring(0, s.indexOf('e')).replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + s.substring(s.indexOf('e'));
    }

    /**
     * Four significant digits, the way a notebook sentence quotes a number: plain from 0.001 up to
     * 100 000, scientific outside. {@code 159374.838 → "1.594e5"}, {@code 0.45554 → "0.4555"},
     * {@code 7.0398e-8 → "7.04e-8"}.
     */
    public static String sig(double v) { return sig(v, 4); }

    /** {@code v} to {@code digits} significant digits, trailing zeros dropped (see {@link #sig(double)}). */
    public static String sig(double v, int digits) {
        if (digits < 1) throw new IllegalArgumentException("digits must be at least 1, got " + digits);
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        if (v == 0) return "0";
        BigDecimal d = new BigDecimal(v).round(new java.math.MathContext(digits, RoundingMode.HALF_EVEN));
        double a = Math.abs(d.doubleValue());
        if (a >= 1e-3 && a < 1e5) return d.stripTrailingZeros().toPlainString();
        int exponent = d.precision() - d.scale() - 1;
        BigDecimal mantissa = d.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exponent;
    }

    /** {@code v} rounded half away from zero to {@code decimals} places, the way a sheet rounds by hand. */
    public static double round(double v, int decimals) {
        if (!Double.isFinite(v)) return v;
        return new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    /** {@code v} rounded to {@code decimals} places and written with exactly that many. */
    public static String rounded(double v, int decimals) {
        if (!Double.isFinite(v)) return Double.toString(v);
        return new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }
}
