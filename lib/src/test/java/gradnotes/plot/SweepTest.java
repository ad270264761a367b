package gradnotes.plot;

import gradnotes.notebook.Display;
import gradnotes.notebook.FigureJson;
import gradnotes.notebook.JsonTree;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepTest {
    private static Sweep decay() {
        return Sweep.of("ρ", new double[] {0.5, 0.9, 1.1}, rho -> new SeriesTable("t", "norm")
                .add("measured", t -> Math.pow(rho, 10 - t), 0, 10)
                .add("bound", t -> 2 * Math.pow(rho, 10 - t), 0, 10).table(), "t", "norm");
    }

    @Test
    void oneFramePerValueAndASliderThatAnimatesToEach() {
        Sweep.Figure f = decay().by("series").logY().dashed("bound").title("decay").startAt(0.9).build();
        Map<String, Object> json = f.json();
        List<?> frames = (List<?>) json.get("frames");
        assertEquals(3, frames.size());
        assertEquals("0.9", ((Map<?, ?>) frames.get(1)).get("name"));
        assertEquals(((Map<?, ?>) frames.get(1)).get("data"), json.get("data"), "the figure opens on the start value");
        Map<?, ?> layout = (Map<?, ?>) json.get("layout");
        Map<?, ?> slider = (Map<?, ?>) ((List<?>) layout.get("sliders")).get(0);
        assertEquals(1, slider.get("active"));
        List<?> steps = (List<?>) slider.get("steps");
        assertEquals(3, steps.size());
        Map<?, ?> last = (Map<?, ?>) steps.get(2);
        assertEquals("animate", last.get("method"));
        assertEquals(List.of("1.1"), ((List<?>) last.get("args")).get(0));
        Map<?, ?> trace = (Map<?, ?>) ((List<?>) json.get("data")).get(1);
        assertEquals("bound", trace.get("name"));
        assertEquals(Map.of("dash", "dash"), trace.get("line"));
        assertEquals(Math.pow(0.9, 10), f.table(0.9).doubleColumn("norm").get(0), 1e-15);
    }

    /** Plotly does not re-fit axes between frames, so the range covers every frame: log10 of 0.5^10 … 2·1.1^10. */
    @Test
    void axesKeepOneRangeOverAllFrames() {
        Map<?, ?> yaxis = (Map<?, ?>) ((Map<?, ?>) decay().by("series").logY().build().json().get("layout")).get("yaxis");
        List<?> range = (List<?>) yaxis.get("range");
        double lo = Math.log10(Math.pow(0.5, 10)), hi = Math.log10(2 * Math.pow(1.1, 10)), pad = 0.05 * (hi - lo);
        assertEquals(lo - pad, (Double) range.get(0), 1e-12);
        assertEquals(hi + pad, (Double) range.get(1), 1e-12);
        assertEquals(false, yaxis.get("autorange"));
        assertEquals("log", yaxis.get("type"));
    }

    @Test
    void showsAsPlotlyJsonHtmlWithFramesAndText() {
        var bundle = Display.bundle(decay().by("series").title("decay").build());
        Map<?, ?> parsed = (Map<?, ?>) JsonTree.parse(bundle.data().get(FigureJson.MIME));
        assertEquals(3, ((List<?>) parsed.get("frames")).size());
        String html = bundle.data().get("text/html");
        assertTrue(html.contains("window.Plotly.newPlot(div, figure)") && html.contains("\"frames\":"), html);
        assertEquals("Figure with a slider over ρ = 0.5, 0.9, 1.1: decay (2 series: measured, bound)", bundle.plain());
    }

    @Test
    void refusesWhatItCannotDraw() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Sweep.of("ρ", new double[] {0.5}, r -> null, "t", "norm")).getMessage().contains("at least 2 values"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Sweep.of("ρ", new double[] {0.5, 0.50000001}, r -> null, "t", "norm")).getMessage().contains("look the same"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Sweep.of("ρ", new double[] {1, 2}, r -> new SeriesTable("t", "norm").add(r < 1.5 ? "a" : "b", 0, 1).table(),
                        "t", "norm").by("series").build()).getMessage().contains("every value needs the same series"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> decay().startAt(0.7)).getMessage().contains("not one of"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> decay().by("series").dashed("formula").build())
                .getMessage().contains("not among the series"));
    }
}
