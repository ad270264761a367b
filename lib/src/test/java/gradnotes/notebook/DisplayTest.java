package gradnotes.notebook;

import gradnotes.grad.GradientCheck;
import gradnotes.nn.Parameters;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.api.LinePlot;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisplayTest {
    private static final Table TABLE = Table.create("norms").addColumns(
            StringColumn.create("series", "tanh", "relu"), DoubleColumn.create("norm", 0.5, 1234.5));

    @Test
    void figureHtmlNeedsNoRequireJsNoCdnNoEarlierOutputAndDrawsIntoItsOwnDiv() {
        String html = FigureHtml.html(LinePlot.create("decay", TABLE, "series", "norm"));
        assertFalse(html.contains("require("), "no require.js");
        assertFalse(Pattern.compile("src=\"https?:").matcher(html).find(), "no CDN");
        assertTrue(html.length() < 5_000, "no copy of plotly.js inside: " + html.length() + " characters");
        Matcher div = Pattern.compile("<div id=\"(gradnotes-[0-9a-f-]+)\" class=\"gradnotes-figure\">").matcher(html);
        assertTrue(div.find());
        assertTrue(html.contains("document.getElementById('" + div.group(1) + "')"), "the script draws into that div");
        assertTrue(html.contains("window.Plotly.newPlot(div, figure)"));

        String again = FigureHtml.html(LinePlot.create("decay", TABLE, "series", "norm"));
        Matcher div2 = Pattern.compile("<div id=\"(gradnotes-[0-9a-f-]+)\"").matcher(again);
        assertTrue(div2.find());
        assertNotEquals(div.group(1), div2.group(1), "every figure gets its own div id");
        assertEquals(html.replace(div.group(1), "ID"), again.replace(div2.group(1), "ID"), "the first figure is like any other");
    }

    @Test
    void aFigureBundleCarriesPlotlyJsonHtmlAndWords() {
        MimeBundle b = Display.bundle(LinePlot.create("decay", TABLE, "series", "norm"));
        assertEquals(java.util.List.of("text/plain", FigureJson.MIME, "text/html"), java.util.List.copyOf(b.data().keySet()));
        assertEquals("Figure: decay (1 series)", b.plain());
        @SuppressWarnings("unchecked")
        var json = (java.util.Map<String, Object>) JsonTree.parse(b.data().get(FigureJson.MIME));
        assertEquals(java.util.Set.of("data", "layout", "config"), json.keySet());
        var trace = (java.util.Map<?, ?>) ((java.util.List<?>) json.get("data")).get(0);
        assertEquals(java.util.List.of("0.5", "1234.5"), trace.get("y"), "Tablesaw writes the values as strings; plotly reads them as numbers");
        var layout = (java.util.Map<?, ?>) json.get("layout");
        assertEquals(java.util.Map.of("text", "decay"), layout.get("title"), "plotly.js 3 reads titles only as {text: …}");
        assertEquals(java.util.Map.of("text", "series"), ((java.util.Map<?, ?>) layout.get("xaxis")).get("title"));
    }

    @Test
    void tablesAreHtmlAndAlignedText() {
        MimeBundle b = Display.bundle(TABLE);
        assertEquals("norms\nseries  norm\ntanh    0.5 \nrelu    1234\n", b.plain(), "four significant digits");
        assertTrue(b.data().get("text/html").contains("<td style=\"text-align:right\">1234</td>"));
        assertTrue(b.data().get("text/html").contains("<caption>norms</caption>"));
    }

    @Test
    void matricesAreLatex() {
        MimeBundle b = Display.bundle(new DMatrixRMaj(2, 2, true, 1, 0.5, -2, 3e-9));
        assertEquals("$$\\begin{bmatrix}1 & 0.5 \\\\ -2 & 3e-9\\end{bmatrix}$$", b.data().get("text/latex"));
        assertEquals("[1, 0.5]\n[-2, 3e-9]", b.plain());
    }

    @Test
    void aGradientCheckReportSaysItsVerdict() {
        DMatrixRMaj w = new DMatrixRMaj(1, 1, true, 3.0);
        var ok = GradientCheck.of(() -> w.get(0, 0) * w.get(0, 0), new Parameters().add("w", w),
                new Parameters().add("w", new DMatrixRMaj(1, 1, true, 6.0)));
        assertTrue(Display.bundle(ok).plain().startsWith("✔ gradient check passed"));
        var wrong = GradientCheck.of(() -> w.get(0, 0) * w.get(0, 0), new Parameters().add("w", w),
                new Parameters().add("w", new DMatrixRMaj(1, 1, true, 5.0)));
        assertTrue(Display.bundle(wrong).plain().startsWith("✘ gradient check FAILED"));
    }

    @Test
    void numbersAreShortButExactAndRoundLikeASheet() {
        assertEquals("2", Numbers.format(2.0));
        assertEquals("0.5874", Numbers.format(0.5874321), "four significant digits for readers");
        assertEquals("0.3893", Numbers.format(0.389261745));
        assertEquals("6.39e7", Numbers.format(63902809.21));
        assertEquals("0.1", Numbers.format(0.1));
        assertEquals("-3.2e-9", Numbers.format(-3.2e-9));
        assertEquals("NaN", Numbers.format(Double.NaN));
        assertEquals("0.5874321", Numbers.full(0.5874321), "full precision where a comparison needs it");
        assertEquals("-3.2e-09", Numbers.full(-3.2e-9));
        assertEquals("0.3333333333", Numbers.full(1.0 / 3));
        assertEquals("0.57", Numbers.rounded(0.574442516811659, 2));
        assertEquals("-0.03", Numbers.rounded(-0.025, 2), "half away from zero, as by hand");
        assertEquals(0.49, Numbers.round(0.4874, 2), 0.0);
    }

    @Test
    void aNaNInATableShowsAsNaNNotAsABlank() {
        var t = tech.tablesaw.api.Table.create("with a NaN", tech.tablesaw.api.DoubleColumn.create("v", 1.5, Double.NaN),
                tech.tablesaw.api.StringColumn.create("s", "a", null));
        MimeBundle b = Display.bundle(t);
        assertTrue(b.data().get("text/html").contains("<td style=\"text-align:right\">NaN</td>"), b.data().get("text/html"));
        assertTrue(b.plain().contains("NaN"), b.plain());
    }

    @Test
    void markdownBuiltFromTextIsEscapedOutsideMath() {
        assertEquals("‖h\\_t − h\\_\\{t−1\\}‖", Markdown.escape("‖h_t − h_{t−1}‖"));
        assertEquals("a\\*b \\[link\\] \\<b\\> $h_{t-1}$ and $$x_1$$", Markdown.escape("a*b [link] <b> $h_{t-1}$ and $$x_1$$"));
        assertEquals("\\# not a heading", Markdown.escape("# not a heading"));
        assertThrows(IllegalArgumentException.class, () -> Markdown.escape(null));
    }

    @Test
    void aBundleWithoutTextIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new MimeBundle(java.util.Map.of("text/html", "<b>x</b>")));
        assertEquals("a bundle needs a text/plain fallback; it has [text/html]", e.getMessage());
    }
}
