package gradnotes.notebook;

import gradnotes.plot.Heatmap;
import gradnotes.plot.LineChart;
import gradnotes.plot.SeriesTable;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SymbolsTest {

    @Test
    void scriptsBecomeSubAndSupTags() {
        assertEquals("h<sub>t−1</sub>", Symbols.html("h_{t-1}"));
        assertEquals("‖∂h<sub>T</sub>/∂h<sub>t</sub>‖", Symbols.html("‖∂h_T/∂h_t‖"));
        assertEquals("‖∂E/∂W<sup>(k)</sup>‖", Symbols.html("‖∂E/∂W^(k)‖"));
        assertEquals("W<sub>hh</sub><sup>(T−t)</sup>", Symbols.html("W_hh^(T−t)"));
        assertEquals("M<sub>k</sub>ᵀM<sub>k</sub>", Symbols.html("M_kᵀM_k"));
        assertEquals("s &lt; t &amp; h<sub>s</sub>", Symbols.html("s < t & h_s"));
        assertEquals("h<sub>t−1</sub>", Symbols.html("$h_{t-1}$"));
        assertEquals("no scripts here", Symbols.html("no scripts here"));
    }

    @Test
    void plainTextUsesUnicodeWhereEveryCharacterHasAForm() {
        assertEquals("hₜ₋₁", Symbols.plain("h_{t-1}"));
        assertEquals("‖∂E/∂W⁽ᵏ⁾‖", Symbols.plain("‖∂E/∂W^(k)‖"));
        assertEquals("∂h_T/∂hₜ", Symbols.plain("∂h_T/∂h_t"));
        assertEquals("h_(chien)", Symbols.plain("h_chien"));
        assertEquals("1.2⁶⁰", Symbols.plain("1.2^60"));
    }

    @Test
    void markdownKeepsMathCodeAndEscapes() {
        assertEquals("‖∂h<sub>60</sub>/∂h<sub>0</sub>‖ and $h_{t-1}$, `a_b`, h\\_t",
                Symbols.markdown("‖∂h_60/∂h_0‖ and $h_{t-1}$, `a_b`, h\\_t"));
        assertEquals("‖h<sub>t</sub> − h<sub>t−1</sub>‖", Display.markdown("‖h_t − h_{t−1}‖").data().get("text/markdown"));
        assertEquals("‖hₜ − hₜ₋₁‖", Display.markdown("‖h_t − h_{t−1}‖").plain());
        assertThrows(IllegalArgumentException.class, () -> Symbols.markdown(null));
        assertThrows(IllegalArgumentException.class, () -> Symbols.html(null));
        assertThrows(IllegalArgumentException.class, () -> Symbols.plain(null));
    }

    @Test
    void tableHeadersAndCaptionsRenderTheirScripts() {
        Table t = Table.create("‖∂E/∂W^(k)‖ per layer", DoubleColumn.create("h_{t-1}", 1.0 / 3, Double.NaN));
        MimeBundle b = TableHtml.bundle(t);
        String html = b.data().get("text/html");
        assertTrue(html.contains("<th>h<sub>t−1</sub></th>"), html);
        assertTrue(html.contains("<caption>‖∂E/∂W<sup>(k)</sup>‖ per layer</caption>"), html);
        assertTrue(html.contains(">NaN</td>") && html.contains(">0.3333</td>"), html);
        assertTrue(b.plain().startsWith("‖∂E/∂W⁽ᵏ⁾‖ per layer\nhₜ₋₁"), b.plain());
    }

    @Test
    @SuppressWarnings("unchecked")
    void figureTitlesAxisTitlesAndLegendsRenderTheirScripts() {
        var s = new SeriesTable("t", "‖∂h_T/∂h_t‖").add("W_hh^(T−t)", i -> 1.0 / (i + 1), 0, 5);
        var fig = LineChart.of(s.table(), "t", "‖∂h_T/∂h_t‖").by("series").title("‖∂h_T/∂h_t‖").build();
        Map<String, Object> json = FigureJson.of(fig);
        Map<String, Object> layout = (Map<String, Object>) json.get("layout");
        assertEquals("‖∂h<sub>T</sub>/∂h<sub>t</sub>‖", ((Map<String, Object>) layout.get("title")).get("text"));
        Map<String, Object> yaxis = (Map<String, Object>) layout.get("yaxis");
        assertEquals("‖∂h<sub>T</sub>/∂h<sub>t</sub>‖", ((Map<String, Object>) yaxis.get("title")).get("text"));
        List<Map<String, Object>> data = (List<Map<String, Object>>) json.get("data");
        assertEquals("W<sub>hh</sub><sup>(T−t)</sup>", data.get(0).get("name"));
        assertEquals("Figure: ‖∂h_T/∂hₜ‖ (1 series: Wₕₕ⁽ᵀ⁻ᵗ⁾)", Display.describe(fig));
        var lessThan = LineChart.of(s.table(), "t", "‖∂h_T/∂h_t‖").title("α_{s,t} for s < t & more").build();
        Map<String, Object> title = (Map<String, Object>) ((Map<String, Object>) FigureJson.of(lessThan).get("layout")).get("title");
        assertEquals("α<sub>s,t</sub> for s &lt; t &amp; more", title.get("text"));
    }

    @Test
    void aCheckReadsAPointOffALine() {
        Table t = new SeriesTable("t", "norm").add("a", i -> i * 0.5, 0, 3).add("b", i -> i, 0, 3).table();
        assertEquals(1.5, SeriesTable.at(t, "a", 3));
        assertEquals(2.0, SeriesTable.at(t, "b", 2));
        assertThrows(IllegalArgumentException.class, () -> SeriesTable.at(t, "c", 2));
        assertThrows(IllegalArgumentException.class, () -> SeriesTable.at(t, "a", 9));
    }

    @Test
    void arraysAreShownWithFourDigits() {
        assertEquals("[3.142, 2.718, NaN]", Display.bundle(new double[] {Math.PI, Math.E, Double.NaN}).plain());
    }

    @Test
    void comparisonsAreMarkedAsSuch() {
        String html = new SheetComparison("c", 2).add("x_1", 0.33, 1.0 / 3).toBundle().data().get("text/html");
        assertTrue(html.contains("gradnotes-comparison") && html.contains("x<sub>1</sub>"), html);
    }

    @Test
    void heatmapOfMagnitudesStartsAtZeroAndSharesItsMaximum() {
        DMatrixRMaj w = new DMatrixRMaj(2, 2, true, 0.2, 0.8, 0.5, 0.5);
        String js = FigureJson.text(Heatmap.of(w).max(1).build());
        assertTrue(js.contains("\"zmin\":0") || js.contains("\"zmin\": 0"), js);
        assertTrue(js.matches("(?s).*\"zmax\": ?1(\\.0)?[,}].*"), js);
        DMatrixRMaj signed = new DMatrixRMaj(1, 2, true, -2, 1);
        String diverging = FigureJson.text(Heatmap.of(signed).build());
        assertTrue(diverging.matches("(?s).*\"zmin\": ?-2(\\.0)?[,}].*") && diverging.contains("#b2182b"), diverging);
        assertThrows(IllegalArgumentException.class, () -> Heatmap.of(signed).max(1).build());
        assertThrows(IllegalArgumentException.class, () -> Heatmap.of(w).max(0.5).build());
    }

    @Test
    void dashedSeriesAndShortLogAxesGetTheirTicks() {
        var s = new SeriesTable("d", "v").add("formula", i -> i, 1, 4).add("simulated", i -> i * 1.01, 1, 4);
        String js = FigureJson.text(LineChart.of(s.table(), "d", "v").by("series").markers().logY().dashed("formula").build());
        assertTrue(js.contains("\"dash\""), js);
        assertTrue(js.contains("\"tickvals\""), js);
        assertFalse(js.contains("\"_\""));
        var cost = new SeriesTable("M", "count").add("a", new double[] {64, 1024}, new double[] {5e5, 1.3e8}).table();
        String costJs = FigureJson.text(LineChart.of(cost, "M", "count").logX().logY().build());
        assertTrue(costJs.contains("\"200\"") && costJs.contains("\"500\""), costJs);
        assertTrue(costJs.contains("\"2×10<sup>5</sup>\"") || costJs.contains("\"2×10\\u003csup>5\\u003c/sup>\""), costJs);
        assertThrows(IllegalArgumentException.class, () -> LineChart.of(s.table(), "d", "v").by("series").dashed("nope").build());
    }
}
