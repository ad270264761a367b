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
     * Up to 10 significant digits, trailing zeros dropped; scientific notation for very small or
     * very large magnitudes. {@code 2.0 → "2"}, {@code 0.5874321 → "0.5874321"}, {@code 3.2e-9 → "3.2e-09"}.
     */
    public static String format(double v) {
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
