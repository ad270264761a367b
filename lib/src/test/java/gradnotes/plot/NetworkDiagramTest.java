package gradnotes.plot;

import gradnotes.nn.Activation;
import gradnotes.nn.Mlp;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkDiagramTest {
    private final Mlp mlp = Mlp.fromSheetMatrices(Activation.SIGMOID, new DMatrixRMaj(2, 1, true, 0.5, -1.25));

    @Test
    void drawsEveryNeuronAndLabelsEveryConnection() {
        var b = NetworkDiagram.of(mlp, List.of(List.of("x1", "x2"), List.of("y")), null);
        String svg = b.data().get("text/html");
        assertEquals(3, svg.split("<circle").length - 1);
        assertEquals(2, svg.split("<line").length - 1);
        assertTrue(svg.contains(">-1.25</text>"));
        assertEquals("Network diagram, every connection with its weight:\nx1 → y: 0.5\nx2 → y: -1.25\n", b.plain());
    }

    @Test
    void namesMustFitTheLayers() {
        assertEquals("layer 0 has 2 neurons but 1 names", assertThrows(IllegalArgumentException.class,
                () -> NetworkDiagram.of(mlp, List.of(List.of("x"), List.of("y")), null)).getMessage());
    }
    @Test
    void aShortValuesListIsRefusedNamingTheLayer() {
        var names = List.of(List.of("x1", "x2"), List.of("y"));
        assertEquals("values has 1 layers, expected 2 (one list per layer of neurons, or null for none)",
                assertThrows(IllegalArgumentException.class, () -> NetworkDiagram.of(mlp, names, List.of(List.of("1", "2")))).getMessage());
        assertEquals("values of layer 0 has 1 entries but the layer has 2 neurons",
                assertThrows(IllegalArgumentException.class,
                        () -> NetworkDiagram.of(mlp, names, List.of(List.of("1"), List.of("3")))).getMessage());
    }

    @Test
    void namesAndValuesAreEscapedInTheSvg() {
        var b = NetworkDiagram.of(mlp, List.of(List.of("x<1", "a&b"), List.of("y>\"")), List.of(List.of("<0.5>", "1"), List.of("2")));
        String svg = b.data().get("text/html");
        assertTrue(svg.contains(">x&lt;1</text>"), svg);
        assertTrue(svg.contains(">a&amp;b</text>"), svg);
        assertTrue(svg.contains(">y&gt;&quot;</text>"), svg);
        assertTrue(svg.contains(">&lt;0.5&gt;</text>"), svg);
        assertEquals(-1, svg.indexOf("x<1"));
    }
}
