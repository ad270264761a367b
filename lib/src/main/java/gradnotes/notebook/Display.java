package gradnotes.notebook;

import gradnotes.grad.GradientCheck;
import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.Trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a notebook cell calls to show something: {@code import static gradnotes.notebook.Display.*;}
 * then {@code show(figure)}, {@code show(table)}, {@code show(markdown("…"))}.
 *
 * <p>Works the same under every supported kernel (see {@link KernelBridge}); outside a kernel it
 * prints the text form. Nothing here is shown as a side effect of building it: figures and tables
 * are values until {@code show} is called.
 */
public final class Display {
    private Display() {}

    /** Shows a Figure, a Table, a {@link MimeBundle}, a gradient-check report, a matrix, or any value's text. */
    public static void show(Object value) {
        KernelBridge.display(bundle(value), System.out);
    }

    /** Shows several values one after another. */
    public static void show(Object first, Object... more) {
        show(first);
        for (Object v : more) show(v);
    }

    /** The bundle {@link #show(Object)} would emit. */
    public static MimeBundle bundle(Object value) {
        if (value instanceof MimeBundle b) return b;
        if (value instanceof Displayable d) return d.toBundle();
        if (value instanceof Figure f) return figure(f);
        if (value instanceof Table t) return TableHtml.bundle(t);
        if (value instanceof GradientCheck.Report r) return report(r);
        if (value instanceof DMatrixRMaj m) return matrix(m);
        if (value instanceof double[] a) return MimeBundle.text(numbers(a));
        return MimeBundle.text(String.valueOf(value));
    }

    /**
     * A figure as plotly's JSON (drawn by JupyterLab, Notebook 7 and VS Code without running a script
     * from the output), as HTML (for handouts) and as a line of text saying what it shows.
     */
    public static MimeBundle figure(Figure f) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("text/plain", describe(f));
        data.put(FigureJson.MIME, FigureJson.text(f));
        data.put("text/html", FigureHtml.html(f));
        return new MimeBundle(data);
    }

    /**
     * A figure already in plotly's JSON form ({@code data}, {@code layout}, optionally {@code frames}
     * and {@code config}), in the same three forms as {@link #figure(Figure)}: for figures Tablesaw
     * cannot describe, such as a slider over animation frames ({@link gradnotes.plot.Sweep}).
     */
    public static MimeBundle plotly(Map<String, Object> json, String plain) {
        if (json == null || !(json.get("data") instanceof List<?>))
            throw new IllegalArgumentException("json must be a plotly figure with a data array, got "
                    + (json == null ? "null" : json.keySet()));
        if (plain == null || plain.isBlank())
            throw new IllegalArgumentException("plain is empty, expected a line saying what the figure shows");
        Map<String, String> data = new LinkedHashMap<>();
        data.put("text/plain", plain);
        data.put(FigureJson.MIME, JsonTree.write(json));
        data.put("text/html", FigureHtml.html(json));
        return new MimeBundle(data);
    }

    /** {@code [0.1235, 2, NaN]}: every entry written by {@link Numbers#format}, never a 17-digit dump. */
    static String numbers(double[] a) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) sb.append(i == 0 ? "" : ", ").append(Numbers.format(a[i]));
        return sb.append(']').toString();
    }

    /**
     * Markdown, rendered by the notebook (math between $…$ included). Subscripts and superscripts
     * written outside math ({@code ‖∂h_60/∂h_0‖}, {@code 1.2^60}) show as such ({@link Symbols#markdown});
     * the text form writes them in Unicode where it can ({@link Symbols#plain}).
     */
    public static MimeBundle markdown(String md) {
        if (md == null) throw new IllegalArgumentException("md is null, expected Markdown text");
        return MimeBundle.of(Symbols.plain(md), "text/markdown", Symbols.markdown(md));
    }

    /** An HTML fragment; {@code plain} says the same in words. */
    public static MimeBundle html(String html, String plain) { return MimeBundle.of(plain, "text/html", html); }

    /** A displayed equation, e.g. {@code latex("h_1 = " + h1)}; the $$ delimiters are added. */
    public static MimeBundle latex(String tex) { return MimeBundle.of(tex, "text/latex", "$$" + tex + "$$"); }

    /** A matrix as a LaTeX bmatrix, entries written by {@link Numbers#format}. */
    public static MimeBundle matrix(DMatrixRMaj m) {
        StringBuilder tex = new StringBuilder("\\begin{bmatrix}");
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < m.numRows; i++) {
            List<String> row = new ArrayList<>();
            for (int j = 0; j < m.numCols; j++) row.add(Numbers.format(m.get(i, j)));
            tex.append(String.join(" & ", row)).append(i + 1 < m.numRows ? " \\\\ " : "");
            plain.append("[").append(String.join(", ", row)).append("]\n");
        }
        return MimeBundle.of(plain.toString().strip(), "text/latex", "$$" + tex.append("\\end{bmatrix}") + "$$");
    }

    /** A gradient-check report: the table, and one line with the verdict. */
    static MimeBundle report(GradientCheck.Report r) {
        boolean ok = r.passed(1e-6);
        String verdict = (ok ? "✔ gradient check passed" : "✘ gradient check FAILED") + ": largest relative error "
                + Numbers.format(r.maxRelativeError()) + " (tolerance 1e-6)";
        return MimeBundle.of(verdict + "\n" + TableHtml.text(r.table()), "text/html",
                "<p><b>" + TableHtml.escape(verdict) + "</b></p>\n" + TableHtml.html(r.table()));
    }

    /** What a figure shows, in words: its title and the names of its series. */
    static String describe(Figure f) {
        String title = f.getLayout() == null || f.getLayout().getTitle() == null ? "untitled" : f.getLayout().getTitle();
        List<String> names = new ArrayList<>();
        if (f.getTraces() != null)
            for (Trace t : f.getTraces()) {
                String n = t instanceof tech.tablesaw.plotly.traces.AbstractTrace a ? a.name() : null;
                if (n != null && !n.isBlank()) names.add(Symbols.plain(n));
            }
        int n = f.getTraces() == null ? 0 : f.getTraces().length;
        return "Figure: " + Symbols.plain(title) + " (" + n + " series"
                + (names.isEmpty() ? "" : ": " + String.join(", ", names)) + ")";
    }
}
