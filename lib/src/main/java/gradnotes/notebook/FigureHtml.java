package gradnotes.notebook;

import tech.tablesaw.plotly.components.Figure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Turns a Tablesaw {@link Figure} into HTML that draws anywhere a notebook is shown: JupyterLab,
 * classic Notebook, VS Code and an exported HTML file with no network.
 *
 * <p>Why not Tablesaw's own output: it expects plotly.js from a CDN through require.js, which
 * JupyterLab does not have, so plots come out blank. Here plotly.js travels inside the library jar
 * and is sent with the first figure of a kernel session only; every figure waits (briefly) for it.
 * The bundle is loaded with {@code define}/{@code module} hidden so that under require.js (classic
 * Notebook) it still becomes {@code window.Plotly}. The loader sits between
 * {@link #LOADER_START} and {@link #LOADER_END} so that the handout builder can replace the copies
 * with one shared file.
 */
public final class FigureHtml {
    public static final String LOADER_START = "<!--gradnotes:plotly-->";
    public static final String LOADER_END = "<!--/gradnotes:plotly-->";
    private static final String BUNDLE = "plotly-cartesian.min.js";
    private static final Pattern SCRIPT_TAG = Pattern.compile("</?script>");
    private static final AtomicBoolean plotlySent = new AtomicBoolean(false);

    private FigureHtml() {}

    /** The HTML for {@code figure}: a div, and a script that draws into it once plotly.js is there. */
    public static String html(Figure figure) {
        String id = "gradnotes-" + UUID.randomUUID();
        String body = SCRIPT_TAG.matcher(figure.asJavascript(id.replace('-', '_'))).replaceAll("");
        // Tablesaw names its target variable after the div; our div id has dashes, so look it up by id
        body = body.replace("document.getElementById('" + id.replace('-', '_') + "')", "document.getElementById('" + id + "')");
        StringBuilder html = new StringBuilder();
        if (plotlySent.compareAndSet(false, true)) html.append(loader());
        // the figure has a fixed width; in a narrower pane or page it scrolls sideways instead of spilling over
        html.append("<div style=\"max-width: 100%; overflow-x: auto\"><div id=\"").append(id)
            .append("\" class=\"gradnotes-figure\"></div></div>\n")
            .append("<script>\n(function () {\n")
            .append("  function draw() {\n").append(body).append("\n  }\n")
            .append("  var tries = 0;\n")
            .append("  (function wait() {\n")
            .append("    if (window.Plotly) { draw(); return; }\n")
            .append("    if (tries++ < 200) { setTimeout(wait, 50); return; }\n")
            .append("    var div = document.getElementById('").append(id).append("');\n")
            .append("    if (div) div.textContent = 'This figure needs plotly.js, which came with the first figure of the "
                    + "session: restart the kernel and run the notebook again.';\n")
            .append("  })();\n")
            .append("})();\n</script>\n");
        return html.toString();
    }

    /** The next figure will carry plotly.js again (for a page that lost it, e.g. after clearing outputs). */
    public static void resendPlotly() { plotlySent.set(false); }

    /** The plotly.js bundle inside a script that hides AMD/CommonJS so the bundle sets window.Plotly. */
    static String loader() {
        return LOADER_START + "<script>\n(function () {\n  if (window.Plotly) return;\n"
                + "  var define, module, exports;\n" + plotlySource() + "\n})();\n</script>" + LOADER_END + "\n";
    }

    /** The plotly.js bundle that the build put into the jar. */
    public static String plotlySource() {
        try (InputStream in = FigureHtml.class.getResourceAsStream(BUNDLE)) {
            if (in == null) throw new IllegalStateException("gradnotes.jar holds no " + BUNDLE
                    + ": rebuild the library with `make lib` (the build takes plotly.js from npm)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
