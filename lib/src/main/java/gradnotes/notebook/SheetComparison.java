package gradnotes.notebook;

import java.util.ArrayList;
import java.util.List;

/**
 * The sheet's printed numbers next to the library's: each row holds the computed value exactly, the
 * same value rounded the way the sheet rounds, and a verdict. A printed answer is a claim; this is
 * where it is settled.
 *
 * <p>The verdict marks are what the notebook tests read in cells tagged {@code check}:
 * {@code ✔} when the claim holds, {@code ✘} when it does not. A row added with
 * {@link #differs} records a known error in the sheet: it passes only while the computation really
 * disagrees with the printed value.
 */
public final class SheetComparison implements Displayable {
    private record Row(String quantity, double sheet, double computed, int decimals, boolean sheetIsWrong, String note) {
        boolean roundsToSheet() { return Numbers.round(computed, decimals) == Numbers.round(sheet, decimals); }

        boolean holds() { return sheetIsWrong != roundsToSheet(); }

        String verdict() {
            if (sheetIsWrong) return holds() ? "✔ the sheet is off: " + note : "✘ expected to differ from the sheet, but it agrees";
            return holds() ? "✔ agrees" : "✘ DIFFERS from the sheet";
        }
    }

    private final String title;
    private final int decimals;
    private final List<Row> rows = new ArrayList<>();

    /** A comparison whose sheet prints values to {@code decimals} decimal places. */
    public SheetComparison(String title, int decimals) {
        if (decimals < 0) throw new IllegalArgumentException("decimals must be 0 or more, got " + decimals);
        this.title = title;
        this.decimals = decimals;
    }

    /** A value the sheet prints and the computation should reproduce (after the sheet's rounding). */
    public SheetComparison add(String quantity, double sheet, double computed) {
        rows.add(new Row(quantity, sheet, computed, decimals, false, ""));
        return this;
    }

    /** A value the sheet prints wrongly; {@code why} says what went wrong there. */
    public SheetComparison differs(String quantity, double sheet, double computed, String why) {
        rows.add(new Row(quantity, sheet, computed, decimals, true, why));
        return this;
    }

    /** Whether every row's claim holds. */
    public boolean holds() { return rows.stream().allMatch(Row::holds); }

    @Override public MimeBundle toBundle() {
        StringBuilder text = new StringBuilder(title).append('\n');
        StringBuilder html = new StringBuilder("<table class=\"gradnotes-table gradnotes-comparison\"><caption>")
                .append(Symbols.html(title)).append("</caption>\n<thead><tr><th>quantity</th><th>sheet</th>")
                .append("<th>computed</th><th>computed, rounded as on the sheet</th><th>verdict</th></tr></thead>\n<tbody>\n");
        for (Row r : rows) {
            String sheet = Numbers.rounded(r.sheet(), decimals), exact = Numbers.full(r.computed()),
                    rounded = Numbers.rounded(r.computed(), decimals);
            text.append(String.format("%s %s: sheet %s, computed %s (rounded %s)%n", r.verdict().substring(0, 1),
                    r.quantity(), sheet, exact, rounded));
            html.append("<tr><td>").append(Symbols.html(r.quantity())).append("</td><td style=\"text-align:right\">")
                    .append(sheet).append("</td><td style=\"text-align:right\">").append(exact)
                    .append("</td><td style=\"text-align:right\">").append(rounded).append("</td><td>")
                    .append(TableHtml.escape(r.verdict())).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
        return MimeBundle.of(text.toString(), "text/html", html.toString());
    }
}
