package gradnotes.plot;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineChartTicksTest {
    @Test
    void explicitTicksLabelAShortLogAxis() {
        Table t = Table.create("t", DoubleColumn.create("x", 1, 2, 3), DoubleColumn.create("y", 0.25, 1, 5));
        String js = LineChart.of(t, "x", "y").logY().yTicks(0.25, 0.5, 1, 2, 4).build().asJavascript("d");
        assertTrue(js.contains("tickmode: 'array'"), js);
        assertTrue(js.contains("0.25") && js.contains("\"4\""), js);
        assertThrows(IllegalArgumentException.class, () -> LineChart.of(t, "x", "y").yTicks());
    }
}
