package gradnotes.notebook;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A by-hand calculation checked number by number: for every value the sheet prints, the exact value,
 * the exact value rounded as the sheet prints it, the value of a replay that rounds the way the
 * sheet does, and a verdict. One table, one row per printed number, the verdict next to the numbers.
 *
 * <p>The sheet's value is given as printed ({@code "0.5874"}, {@code "−0.1"}); it is compared at
 * the number of decimals it is printed with, but never at fewer than the sheet's rule (a sheet that
 * rounds to two decimals and prints "0" claims 0.00).
 *
 * <p>Each row states what the notebook claims about it ({@link Expect}); the verdict is computed from
 * the numbers, and {@link #holds()} says whether every claim is borne out. The marks are the house
 * ones: ✔ where the sheet agrees with both computations, ⚠ where it matches one of them only or
 * neither for a stated reason, ✘ where it is wrong.
 */
public final class ReplayComparison implements Displayable {
    /** What a row claims about the sheet's printed value. */
    public enum Expect {
        /** Matches the exact value and the replay. */
        AGREES("✔", "agrees"),
        /** Matches the replay but not the exact value: an artefact of rounding along the way. */
        ROUNDING("⚠", "rounding"),
        /** Matches the exact value but not the replay. */
        EXACT_ONLY("⚠", "the replay differs"),
        /** Matches neither, for a reason the replay does not model (a different way of computing). */
        UNREPLAYED("⚠", "not reproduced"),
        /** Matches neither: an error on the sheet. */
        WRONG("✘", "wrong");

        final String mark, label;

        Expect(String mark, String label) {
            this.mark = mark;
            this.label = label;
        }

        public String mark() { return mark; }
    }

    private record Row(String quantity, String sheetText, double sheet, int decimals, double exact, double replay,
                       Expect expect, String why) {
        boolean matchesExact() { return Numbers.round(exact, decimals) == sheet; }

        boolean matchesReplay() { return Numbers.round(replay, decimals) == sheet; }

        Expect actual() {
            if (matchesExact() && matchesReplay()) return Expect.AGREES;
            if (matchesReplay()) return Expect.ROUNDING;
            if (matchesExact()) return Expect.EXACT_ONLY;
            return expect == Expect.UNREPLAYED ? Expect.UNREPLAYED : Expect.WRONG;
        }

        boolean holds() { return actual() == expect; }

        String verdict() {
            if (!holds())
                return "✘ claimed \"" + expect.label + "\", but the numbers say \"" + actual().label + "\"";
            return expect.mark + " " + expect.label + (why.isEmpty() ? "" : ": " + why);
        }
    }

    private final String title;
    private final int decimals;
    private final List<Row> rows = new ArrayList<>();

    /** A comparison for a sheet whose rule is to round to {@code decimals} places. */
    public ReplayComparison(String title, int decimals) {
        if (decimals < 0) throw new IllegalArgumentException("decimals must be 0 or more, got " + decimals);
        this.title = title;
        this.decimals = decimals;
    }

    /** A printed value that the exact calculation and the replay both reproduce. */
    public ReplayComparison agrees(String quantity, String sheet, double exact, double replay) {
        return row(quantity, sheet, exact, replay, Expect.AGREES, "");
    }

    /** A row with the claim {@code expect} and the reason {@code why} (may be empty for AGREES). */
    public ReplayComparison row(String quantity, String sheet, double exact, double replay, Expect expect, String why) {
        if (expect != Expect.AGREES && (why == null || why.isBlank()))
            throw new IllegalArgumentException(quantity + ": a row that disagrees with the sheet needs a reason");
        String plain = sheet.strip().replace('−', '-');
        double value;
        try {
            value = new BigDecimal(plain).doubleValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(quantity + ": the sheet's value \"" + sheet + "\" is not a number");
        }
        int printed = Math.max(0, new BigDecimal(plain).scale());
        rows.add(new Row(quantity, sheet.strip(), value, Math.max(decimals, printed), exact, replay, expect,
                why == null ? "" : why));
        return this;
    }

    /** Whether every row's claim holds on its numbers. */
    public boolean holds() { return rows.stream().allMatch(Row::holds); }

    /** The quantities claimed as {@code expect} (in table order). */
    public List<String> quantities(Expect expect) {
        return rows.stream().filter(r -> r.expect() == expect).map(Row::quantity).toList();
    }

    /** The quantities whose claim does not hold. */
    public List<String> failures() { return rows.stream().filter(r -> !r.holds()).map(Row::quantity).toList(); }

    /** How many rows there are. */
    public int size() { return rows.size(); }

    /** {@code v} to four significant digits, trailing zeros dropped. */
    static String fourDigits(double v) {
        if (!Double.isFinite(v)) return Double.toString(v);
        if (v == 0) return "0";
        if (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6) return String.format("%.3e", v);
        return new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }

    @Override public MimeBundle toBundle() {
        StringBuilder text = new StringBuilder(title).append('\n');
        StringBuilder html = new StringBuilder("<table class=\"gradnotes-table gradnotes-comparison\"><caption>")
                .append(Symbols.html(title)).append("</caption>\n<thead><tr><th>quantity</th><th>sheet</th>")
                .append("<th>exact</th><th>exact, rounded</th><th>replay</th><th>verdict</th></tr></thead>\n<tbody>\n");
        String right = "</td><td style=\"text-align:right\">";
        for (Row r : rows) {
            String exact = fourDigits(r.exact()), rounded = Numbers.rounded(r.exact(), r.decimals()),
                    replay = fourDigits(r.replay());
            text.append(String.format("%s | sheet %s | exact %s | rounded %s | replay %s | %s%n", r.quantity(),
                    r.sheetText(), exact, rounded, replay, r.verdict()));
            html.append("<tr><td>").append(Symbols.html(r.quantity())).append(right)
                    .append(TableHtml.escape(r.sheetText())).append(right).append(exact).append(right).append(rounded)
                    .append(right).append(replay).append("</td><td>").append(TableHtml.escape(r.verdict()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
        return MimeBundle.of(text.toString(), "text/html", html.toString());
    }
}
