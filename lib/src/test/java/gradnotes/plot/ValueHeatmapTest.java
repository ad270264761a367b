package gradnotes.plot;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueHeatmapTest {
    private static final DMatrixRMaj M = new DMatrixRMaj(2, 2, true, 0, 0.5, 0.25, 1.2345);

    @Test
    void sharedScaleFromZeroWithValuesInTheCells() {
        String js = ValueHeatmap.of(M).rowLabels("a", "b").columnLabels("c", "d").max(2).title("t").build().asJavascript("x");
        assertTrue(js.contains("\"zmin\": 0, \"zmax\": 2.0"), js);
        assertTrue(js.contains("\"mode\": \"text\""), js);
        assertTrue(js.contains("\"1.23\""), "three significant digits in the cells: " + js);
        // row 0 is drawn on top: plotly's first row is the matrix's last
        assertTrue(js.contains("\"y\": [\"b\",\"a\"]"), js);
    }

    @Test
    void theScaleDefaultsToTheLargestValueAndMustCoverIt() {
        assertTrue(ValueHeatmap.of(M).build().asJavascript("x").contains("\"zmax\": 1.2345"));
        assertThrows(IllegalArgumentException.class, () -> ValueHeatmap.of(M).max(1).build());
    }

    @Test
    void negativeOrNonFiniteValuesAndBadLabelsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ValueHeatmap.of(new DMatrixRMaj(1, 1, true, -1)));
        assertThrows(IllegalArgumentException.class, () -> ValueHeatmap.of(new DMatrixRMaj(1, 1, true, Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> ValueHeatmap.of(M).rowLabels("a"));
    }

    @Test
    void labelsAreEscaped() {
        assertEquals("\"a\\\"b\\u003c\"", ValueHeatmap.json("a\"b<"));
        assertEquals("1.23e-04", ValueHeatmap.format(0.000123, 3));
    }
}
