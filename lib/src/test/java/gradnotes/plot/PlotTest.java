package gradnotes.plot;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlotTest {
    @Test
    void oneLinePerSeriesAndLogAxesInPowersOfTen() {
        var points = new SeriesTable("t", "norm").add("a", t -> Math.pow(0.5, t), 0, 10).add("b", t -> 1.0, 0, 10);
        assertEquals(22, points.table().rowCount());
        var fig = LineChart.of(points.table(), "t", "norm").by("series").logY().title("decay").build();
        assertEquals(2, fig.getTraces().length);
        String js = fig.asJavascript("d");
        assertTrue(js.contains("type: 'log'"), js);
        assertTrue(js.contains("exponentformat: 'power'"), js);
        assertTrue(js.contains("name: 'a'") && js.contains("name: 'b'"), js);
    }

    /** 0.5^t for t = 0..10 spans 4 decades: plotly places the labels. 10^-t for t = 0..26 spans 26: every third. */
    @Test
    void logAxesOverManyDecadesLabelEveryFewPowers() {
        var few = LineChart.of(new SeriesTable("t", "norm").add("a", t -> Math.pow(0.5, t), 0, 10).table(), "t", "norm").logY().build();
        assertTrue(!few.asJavascript("d").contains("dtick"), few.asJavascript("d"));
        var many = new SeriesTable("t", "norm").add("a", t -> Math.pow(10, -t), 0, 26).table();
        assertEquals(26, LineChart.decades(many.numberColumn("norm")));
        String js = LineChart.of(many, "t", "norm").logY().build().asJavascript("d");
        assertTrue(js.contains("dtick: 3") || js.contains("dtick: '3'"), js);
    }

    @Test
    void chartsNameMissingOrNonNumericColumns() {
        var t = new SeriesTable("t", "norm").add("a", 1, 2).table();
        assertEquals("table norm against t has no column x; it has [t, norm, series]",
                assertThrows(IllegalArgumentException.class, () -> LineChart.of(t, "x", "norm")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LineChart.of(t, "series", "norm")).getMessage()
                .contains("a chart axis needs numbers"));
    }

    @Test
    void heatmapsPutRowZeroOnTop() {
        DMatrixRMaj m = new DMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6);
        String js = Heatmap.of(m).rowLabels("q1", "q2").columnLabels("k1", "k2", "k3").build().asJavascript("h");
        assertTrue(js.indexOf("4.0") < js.indexOf("1.0"), "plotly draws the first z row at the bottom, so row 1 comes first: " + js);
        assertEquals("3 row labels for a matrix with 2 rows: expected one per row",
                assertThrows(IllegalArgumentException.class, () -> Heatmap.of(m).rowLabels("a", "b", "c")).getMessage());
    }

    @Test
    void sampledSeriesCoverTheInterval() {
        var t = new SeriesTable("x", "y").add("sq", x -> x * x, -1, 1, 5).table();
        assertEquals(-1.0, t.doubleColumn("x").get(0), 0.0);
        assertEquals(0.25, t.doubleColumn("y").get(1), 1e-15);
        assertEquals(1.0, t.doubleColumn("x").get(4), 0.0);
    }
}
