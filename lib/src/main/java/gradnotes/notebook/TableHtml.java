package gradnotes.notebook;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw {@link Table} as an HTML table and as aligned text, numbers written by {@link Numbers},
 * the caption and column headers by {@link Symbols} ({@code h_{t-1}} as h<sub>t−1</sub> in HTML,
 * hₜ₋₁ in text).
 */
public final class TableHtml {
    private TableHtml() {}

    public static MimeBundle bundle(Table t) {
        return MimeBundle.of(text(t), "text/html", html(t));
    }

    static String cell(Column<?> c, int row) {
        // Tablesaw stores NaN as a double column's "missing" value: show it as NaN, not as a blank
        if (c instanceof DoubleColumn d) return Numbers.format(d.getDouble(row));
        if (c instanceof FloatColumn f) return Numbers.format(f.getFloat(row));
        if (c.isMissing(row)) return "";
        return String.valueOf(c.get(row));
    }

    public static String html(Table t) {
        StringBuilder sb = new StringBuilder("<table class=\"gradnotes-table\">\n");
        if (t.name() != null && !t.name().isBlank())
            sb.append("<caption>").append(Symbols.html(t.name())).append("</caption>\n");
        sb.append("<thead><tr>");
        for (Column<?> c : t.columns()) sb.append("<th>").append(Symbols.html(c.name())).append("</th>");
        sb.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < t.rowCount(); r++) {
            sb.append("<tr>");
            for (Column<?> c : t.columns()) {
                boolean numeric = c instanceof tech.tablesaw.api.NumericColumn;
                sb.append(numeric ? "<td style=\"text-align:right\">" : "<td>").append(escape(cell(c, r))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    public static String text(Table t) {
        int cols = t.columnCount();
        int[] width = new int[cols];
        String[][] cells = new String[t.rowCount()][cols];
        for (int j = 0; j < cols; j++) {
            Column<?> c = t.column(j);
            width[j] = Symbols.plain(c.name()).length();
            for (int r = 0; r < t.rowCount(); r++) {
                cells[r][j] = cell(c, r);
                width[j] = Math.max(width[j], cells[r][j].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        if (t.name() != null && !t.name().isBlank()) sb.append(Symbols.plain(t.name())).append('\n');
        for (int j = 0; j < cols; j++) sb.append(pad(Symbols.plain(t.column(j).name()), width[j])).append(j + 1 < cols ? "  " : "\n");
        for (String[] row : cells)
            for (int j = 0; j < cols; j++) sb.append(pad(row[j], width[j])).append(j + 1 < cols ? "  " : "\n");
        return sb.toString();
    }

    private static String pad(String s, int w) { return s + " ".repeat(Math.max(0, w - s.length())); }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
