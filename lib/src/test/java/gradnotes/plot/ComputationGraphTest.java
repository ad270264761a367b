package gradnotes.plot;

import gradnotes.nn.Activation;
import gradnotes.nn.Bidirectional;
import gradnotes.nn.Init;
import gradnotes.nn.VanillaRnn;
import gradnotes.nn.Mlp;
import gradnotes.nn.SquaredError;
import gradnotes.notebook.Display;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
    void refusesEdgesToUnknownNodesAndLoops() {
        var g = new ComputationGraph("").node("a", 0, 0).node("b", 1, 0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.edge("a", "c")).getMessage().contains("no node named c"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.edge("a", "a")).getMessage().contains("same place"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.node("a", 2, 0)).getMessage().contains("already"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> g.numbersAbove("c")).getMessage().contains("no node named c"));
    }

    @Test
    void edgesRunInAnyDirectionAndEndInAnArrowhead() {
        String svg = new ComputationGraph("").node("a", 0, 0).node("b", 1, 0).node("c", 1, 1)
                .edge("b", "a").edge("b", "c").svg();
        assertEquals(2, svg.split("marker-end=\"url\\(#graph-arrow\\)\"").length - 1, svg);
        // b → a ends at a's circle, 21 pixels right of its centre
        assertTrue(svg.contains("x2=\"141.0\" y2=\"80.0\""), svg);
    }

    @Test
    void everyNodeCarriesItsDeltaAndEveryEdgeIsTheProductOfTailActivationAndHeadDelta() {
        String text = sheetNetwork().describe();
        assertEquals(6, text.split("δ = ∂E/∂z = ").length - 1, text);   // 3 + 1 + 2 neurons above the inputs
    }

    @Test
    void theWeightsAloneShowInputsAndWeightsButNoComputedNumber() {
        DMatrixRMaj U = new DMatrixRMaj(2, 3, true, 1.20, -1.20, -0.11, 0.30, 1.10, 0.65);
        DMatrixRMaj V = new DMatrixRMaj(3, 1, true, -0.25, -1.10, -0.09);
        var net = Mlp.fromSheetMatrices(Activation.SIGMOID, U, V);
        var g = ComputationGraph.weights("", net, new DMatrixRMaj(2, 1, true, 0, 1),
                List.of(List.of("r₁", "r₂"), List.of("q₁", "q₂", "q₃"), List.of("p₁")));
        String text = g.describe();
        assertTrue(text.contains("node r₂: x = 1\n") && text.contains("node q₁\n") && text.contains("edge r₂ → q₃: w = 0.65"), text);
        assertFalse(text.contains("z =") || text.contains("∂E"), text);
        assertEquals(List.of(), g.overlapping());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ComputationGraph.weights("", net, new DMatrixRMaj(3, 1),
                List.of(List.of("r₁", "r₂"), List.of("q₁", "q₂", "q₃"), List.of("p₁")))).getMessage().contains("x"));
    }

    @Test
    void theUnfoldedStepHighlightsTheLargestPathAndItsTermsSumToTheGradient() throws Exception {
        var mlp = Mlp.init(new int[] {3, 4, 5, 4, 2}, Activation.SIGMOID, Activation.SIGMOID, true, new Random(7));
        var fw = mlp.forward(Init.normal(3, 1, 1.0, new Random(8)));
        var bw = mlp.backward(fw, new SquaredError(), new DMatrixRMaj(2, 1, true, 1, 0));
        var g = ComputationGraph.unfolded("", mlp, fw, bw, 2, 1);
        assertEquals(List.of(), g.overlapping());
        String text = g.describe();
        assertEquals(1 + 5 + 4, text.lines().filter(l -> l.startsWith("node ")).count(), text);
        assertEquals(5 + 20, text.lines().filter(l -> l.startsWith("edge ")).count(), text);
        assertEquals(5 + 4, text.lines().filter(l -> l.startsWith("edge ") && l.contains(": w = ")).count(), text);
        assertEquals(2, text.lines().filter(l -> l.contains("(highlighted)")).count(), text);
        assertTrue(text.contains("node p₁⁽¹⁾: z = "), text);
        // the highlighted path's term is the largest of the 20
        double best = 0, sum = 0;
        for (int i = 0; i < 5; i++)
            for (int j = 0; j < 4; j++) {
                double term = bw.dEda(3).get(j, 0) * Activation.SIGMOID.derivative(fw.z(3).get(j, 0)) * mlp.layers.get(2).W.get(j, i)
                        * Activation.SIGMOID.derivative(fw.z(2).get(i, 0)) * mlp.layers.get(1).W.get(i, 0);
                sum += term;
                if (Math.abs(term) > Math.abs(best)) best = term;
            }
        assertEquals(bw.dEda(1).get(0, 0), sum, 1e-12);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ComputationGraph.unfolded("", mlp, fw, bw, 1, 1)).getMessage().contains("k = 1"));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/unfolded.svg"), g.svg());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ComputationGraph.unfolded("", mlp, fw, bw, 2, 5)).getMessage().contains("r = 5"));
    }

    @Test
    void aBidirectionalRnnUnrolledHasTwoRowsOfStatesRunningOppositeWays() throws Exception {
        var both = new Bidirectional(VanillaRnn.init(5, 6, Activation.TANH, new Random(5)), VanillaRnn.init(5, 6, Activation.TANH, new Random(6)));
        var rng = new Random(4);
        List<DMatrixRMaj> xs = new ArrayList<>();
        for (int t = 0; t < 4; t++) xs.add(Init.normal(5, 1, 1.0, rng));
        var run = both.forward(xs);
        var grads = both.backward(run, java.util.Collections.nCopies(4, Init.constant(12, 1, 1.0)));
        var g = ComputationGraph.unrolled("le < vieux & chien", both, run, grads, List.of("le", "vieux", "chien", "noir"));
        assertEquals(List.of(), g.overlapping());
        String text = g.describe();
        for (String edge : List.of("edge →h₀ → →h₁", "edge →h₃ → →h₄", "edge ←h₅ → ←h₄", "edge ←h₂ → ←h₁", "edge noir → →h₄", "edge le → ←h₁"))
            assertTrue(text.contains(edge), edge + " missing from\n" + text);
        assertEquals(4 * 4, text.lines().filter(l -> l.startsWith("edge ")).count(), text);
        // the last forward state gets only its own output's gradient, a vector of six ones
        assertTrue(text.contains("node →h₄: ‖→h‖ = " + gradnotes.notebook.Numbers.sig(org.ejml.dense.row.NormOps_DDRM.normF(
                org.ejml.dense.row.CommonOps_DDRM.extract(run.hs().get(3), 0, 6, 0, 1)), 3) + ", ‖∂L/∂→h‖ = 2.45"), text);
        String svg = g.svg();
        assertTrue(svg.contains("le &lt; vieux &amp; chien"), svg);
        // the top row's numbers sit above its circles, the bottom row's below
        assertTrue(svg.indexOf("‖∂L/∂→h‖") > 0 && svg.contains("‖∂L/∂←h‖"), svg);
        java.nio.file.Files.writeString(java.nio.file.Path.of("target/bidirectional.svg"), svg);
    }

    @Test
    void columnsTooNarrowForTheLabelsAreWidened() {
        var g = sheetNetwork().spacing(120, 130);
        String svg = g.svg();
        assertEquals(List.of(), g.overlapping());
        double width = Double.parseDouble(svg.replaceAll("(?s)^<svg[^>]* width=\"([0-9.]+)\".*", "$1"));
        assertTrue(width > 70 + 50 + 3 * 200, "the columns should have been widened from 120 pixels: " + width);
    }

    @Test
    void anEdgeWithoutNumbersGetsNoLabel() {
        String svg = new ComputationGraph("").node("a", 0, 0).node("b", 1, 0).edge("a", "b").svg();
        assertFalse(svg.contains("<rect"), svg);
        assertEquals(1, svg.split("<line").length - 1);
    }
}
