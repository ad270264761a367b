package gradnotes.plot;

import gradnotes.nn.Gru;
import gradnotes.nn.Init;
import gradnotes.nn.Lstm;
import gradnotes.notebook.Display;
import gradnotes.notebook.Numbers;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellDiagramTest {
    private static List<DMatrixRMaj> inputs(int steps, int size, long seed) {
        var rng = new Random(seed);
        List<DMatrixRMaj> xs = new ArrayList<>();
        for (int t = 0; t < steps; t++) xs.add(Init.normal(size, 1, 1.0, rng));
        return xs;
    }

    private static List<DMatrixRMaj> ones(int steps, int n) {
        List<DMatrixRMaj> d = new ArrayList<>();
        for (int t = 0; t < steps; t++) d.add(Init.constant(n, 1, 1.0));
        return d;
    }

    /** Every text element's box on the drawing, from its x, y, anchor and length (as the layout measures it). */
    private static List<ComputationGraph.Box> textBoxes(String svg) {
        List<ComputationGraph.Box> boxes = new ArrayList<>();
        Matcher m = Pattern.compile("<text x=\"([0-9.]+)\" y=\"([0-9.]+)\"[^>]*>([^<]*)</text>").matcher(svg);
        while (m.find()) {
            String text = m.group(3).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&quot;", "\"");
            double x = Double.parseDouble(m.group(1)), y = Double.parseDouble(m.group(2)), w = text.length() * 6.6;
            boolean middle = m.group(0).contains("text-anchor=\"middle\"");
            boxes.add(new ComputationGraph.Box(middle ? x - w / 2 : x, y - 11, w, 13));
        }
        return boxes;
    }

    private static void assertNoTextOverlaps(String svg) {
        List<ComputationGraph.Box> boxes = textBoxes(svg);
        assertTrue(boxes.size() > 10, svg);
        for (int i = 0; i < boxes.size(); i++)
            for (int j = 0; j < i; j++)
                assertFalse(boxes.get(i).overlaps(boxes.get(j)), "texts overlap: " + boxes.get(i) + " and " + boxes.get(j));
    }

    @Test
    void lstmCellShowsEveryGateAndTheCellPathGradient() throws Exception {
        var lstm = Lstm.init(3, 4, 1.0, new Random(9));
        var run = lstm.forward(inputs(6, 3, 1));
        var grads = lstm.backwardWithCells(run, ones(6, 4));
        var d = CellDiagram.lstm("LSTM, step 3", lstm, run, grads, 3);
        assertEquals(List.of(), d.overlapping());
        String svg = d.svg();
        assertNoTextOverlaps(svg);
        var s = run.step(3);
        for (String label : List.of("c₂", "c₃", "h₂", "h₃", "x₃", "σ f", "σ i", "σ o", "tanh c̃", "f₃ = (", "i₃ = (", "o₃ = (", "c̃₃ = (",
                "∂L/∂c₃ = (", "∂L/∂h₃ = (", "∂L/∂c₂ via c₃ = ("))
            assertTrue(svg.contains(label), label + " missing from\n" + svg);
        assertTrue(svg.contains("f₃ = (" + Numbers.sig(s.f().get(0, 0), 3) + ", " + Numbers.sig(s.f().get(1, 0), 3)), svg);
        double cellPath = s.f().get(2, 0) * grads.dcs().get(2).get(2, 0);
        String text = d.describe();
        assertTrue(text.contains("∂L/∂c₂ via c₃ = (") && text.contains(Numbers.sig(cellPath, 4)), text);
        assertTrue(text.contains("wire c₂ → × (f) (state path): c₂ = ("), text);
        assertEquals(12, text.lines().count() - 1, text);   // every labelled wire, one line each
        assertTrue(svg.split("marker-end").length - 1 >= 10);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/cell-lstm.svg"), svg);
    }

    @Test
    void gruCellShowsTheKeptShareOfTheState() throws Exception {
        var gru = Gru.init(3, 4, new Random(3));
        var run = gru.forward(inputs(2, 3, 4));
        var grads = gru.backward(run, ones(2, 4));
        var d = CellDiagram.gru("GRU, step 2", gru, run, grads, 2);
        assertEquals(List.of(), d.overlapping());
        String svg = d.svg();
        assertNoTextOverlaps(svg);
        var s = run.step(2);
        for (String label : List.of("h₁", "h₂", "x₂", "σ z", "σ r", "tanh ĥ", "1−z₂ = (", "z₂∘ĥ₂ = (", "∂L/∂h₁ via (1−z₂) = ("))
            assertTrue(svg.contains(label), label + " missing from\n" + svg);
        assertTrue(svg.contains("r₂ = (" + Numbers.sig(s.r().get(0, 0), 3)), svg);
        String text = d.describe();
        double kept = (1 - s.z().get(1, 0)) * grads.dhs().get(1).get(1, 0);
        assertTrue(text.contains(Numbers.sig(kept, 4)), text);
        assertEquals(9, text.lines().count() - 1, text);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/cell-gru.svg"), svg);
    }

    @Test
    void longVectorsAreShownByTheirNormAndValuesOnlyWithoutGradients() {
        var lstm = Lstm.init(3, 8, 1.0, new Random(2));
        var run = lstm.forward(inputs(3, 3, 5));
        var d = CellDiagram.lstm("", lstm, run, 1);
        String svg = d.svg();
        assertTrue(svg.contains("f₁: ‖·‖ = ") && svg.contains("(8 entries)"), svg);
        assertFalse(svg.contains("∂L"), svg);
        assertEquals(List.of(), d.overlapping());
        assertTrue(Display.bundle(d).plain().contains("f₁ = (" + Numbers.sig(run.step(1).f().get(0, 0), 4) + ", "));
    }

    @Test
    void theTitleIsEscaped() {
        var gru = Gru.init(2, 2, new Random(1));
        var run = gru.forward(inputs(1, 2, 2));
        String svg = CellDiagram.gru("a < b & \"c\"", gru, run, 1).svg();
        assertTrue(svg.contains("a &lt; b &amp; &quot;c&quot;"), svg);
        assertFalse(svg.contains("a < b"), svg);
        assertTrue(Display.bundle(CellDiagram.gru("x<1", gru, run, 1)).plain().startsWith("Cell diagram: x<1"));
    }

    @Test
    void refusesAStepOutsideTheRunAndGradientsOfAnotherRun() {
        var lstm = Lstm.init(3, 4, 1.0, new Random(9));
        var run = lstm.forward(inputs(4, 3, 1));
        var shorter = lstm.backwardWithCells(lstm.forward(inputs(2, 3, 1)), ones(2, 4));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CellDiagram.lstm("", lstm, run, 5)).getMessage().contains("t = 5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CellDiagram.lstm("", lstm, run, shorter, 1)).getMessage()
                .contains("grads has 2 steps, the run 4"));
        var other = Lstm.init(3, 4, 1.0, new Random(10));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CellDiagram.lstm("", other, run, 1)).getMessage().contains("run"));
    }
}
