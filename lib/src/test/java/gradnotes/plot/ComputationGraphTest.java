package gradnotes.plot;

import gradnotes.nn.Activation;
import gradnotes.nn.Mlp;
import gradnotes.nn.SquaredError;
import gradnotes.notebook.Display;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static gradnotes.plot.ComputationGraph.grad;
import static gradnotes.plot.ComputationGraph.pre;
import static gradnotes.plot.ComputationGraph.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComputationGraphTest {
    /** The ex03 sheet's 2-3-1-2 network: 11 edges, four of them crossing between the first two layers. */
    private static ComputationGraph sheetNetwork() {
        DMatrixRMaj U = new DMatrixRMaj(2, 3, true, 1.20, -1.20, -0.11, 0.30, 1.10, 0.65);
        DMatrixRMaj V = new DMatrixRMaj(3, 1, true, -0.25, -1.10, -0.09);
        DMatrixRMaj W = new DMatrixRMaj(1, 2, true, -2.00, 0.43);
        var net = Mlp.fromSheetMatrices(Activation.SIGMOID, U, V, W);
        var fw = net.forward(new DMatrixRMaj(2, 1, true, 0, 1));
        var bw = net.backward(fw, new SquaredError(), new DMatrixRMaj(2, 1, true, 1, 1));
        return ComputationGraph.of("sheet", net, fw, bw, List.of(List.of("r₁", "r₂"), List.of("q₁", "q₂", "q₃"),
                List.of("p₁"), List.of("y₁", "y₂")));
    }

    @Test
    void everyNodeAndEdgeWithItsNumbersAndNoLabelsOverlapping() {
        var g = sheetNetwork();
        assertEquals(List.of(), g.overlapping(), "labels overlap");
        String text = g.describe();
        assertTrue(text.contains("edge r₁ → q₁: w = 1.2, ∂E/∂w = "), text);
        assertTrue(text.contains("node p₁: z = "), text);
        assertTrue(text.contains("∂E/∂a = "), text);
        assertEquals(2 + 3 + 1 + 2 + 6 + 3 + 2, text.lines().count() - 1, text);
        String svg = g.svg();
        assertEquals(8, svg.split("<circle").length - 1);
        assertEquals(11, svg.split("<line").length - 1);
    }

    @Test
    void namesAndTitlesAreEscapedAndNaNIsShownAsNaN() {
        var g = new ComputationGraph("a < b & \"c\"").node("x<1", 0, 0, value("x", Double.NaN))
                .node("h", 1, 0, pre("z", 0.5), value("h", 0.46211715726), grad("∂L/∂h", -0.2))
                .highlightedEdge("x<1", "h", value("w", 0.5));
        String svg = g.svg();
        assertTrue(svg.contains("x&lt;1") && svg.contains("a &lt; b &amp; &quot;c&quot;"), svg);
        assertFalse(svg.contains("x<1"), svg);
        assertTrue(svg.contains("x = NaN"), svg);
        assertTrue(svg.contains("h = 0.462"), svg);
        assertTrue(svg.contains("stroke=\"#e67e00\""), svg);
        var bundle = Display.bundle(g);
        assertTrue(bundle.plain().contains("edge x<1 → h (highlighted): w = 0.5"), bundle.plain());
        assertTrue(bundle.data().get("text/html").startsWith("<svg"));
    }

    @Test
    void refusesEdgesToUnknownNodesAndBackwards() {
        var g = new ComputationGraph("").node("a", 0, 0).node("b", 1, 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.edge("a", "c")).getMessage().contains("no node named c"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.edge("b", "a")).getMessage().contains("left to right"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.node("a", 2, 0)).getMessage().contains("already"));
    }

    @Test
    void columnsTooNarrowForTheLabelsAreWidened() {
        var g = sheetNetwork().spacing(120, 130);
        assertFalse(g.overlapping().isEmpty(), "at 120 pixels the labels should collide");
        g.svg();
        assertEquals(List.of(), g.overlapping());
    }

    @Test
    void anEdgeWithoutNumbersGetsNoLabel() {
        String svg = new ComputationGraph("").node("a", 0, 0).node("b", 1, 0).edge("a", "b").svg();
        assertFalse(svg.contains("<rect"), svg);
        assertEquals(1, svg.split("<line").length - 1);
    }
}
