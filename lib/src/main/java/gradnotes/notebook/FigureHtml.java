package gradnotes.notebook;

import tech.tablesaw.plotly.components.Figure;

import java.util.UUID;

/**
 * The HTML form of a Tablesaw {@link Figure}, for pages that draw HTML outputs rather than plotly's
 * MIME type ({@link FigureJson}): nbconvert's handouts above all. It carries no plotly.js and
 * needs neither require.js nor a CDN: it draws with the {@code window.Plotly} of the page it sits
 * in (the handout template loads one shared local copy), and says in words what to do where there
 * is none. So no figure depends on another output having brought plotly.js along.
 */
public final class FigureHtml {
    private FigureHtml() {}

    /** The HTML for {@code figure}: a div, and a script that draws the figure's JSON into it. */
    public static String html(Figure figure) { return html(FigureJson.of(figure)); }

    /**
     * The HTML for a figure in plotly's JSON form. Drawn with {@code Plotly.newPlot(div, figure)}, so
     * the figure's {@code frames} (a slider's animation steps) come along with its data and layout.
     */
    public static String html(java.util.Map<String, Object> figure) {
        String id = "gradnotes-" + UUID.randomUUID();
        return "<div style=\"max-width: 100%; overflow-x: auto\"><div id=\"" + id + "\" class=\"gradnotes-figure\"></div></div>\n"
                + "<script>\n(function () {\n"
                + "  var figure = " + JsonTree.write(figure) + ";\n"
                + "  var tries = 0;\n"
                + "  (function draw() {\n"
                + "    var div = document.getElementById('" + id + "');\n"
                + "    if (!div) return;\n"
                + "    if (window.Plotly) { window.Plotly.newPlot(div, figure); return; }\n"
                + "    if (tries++ < 40) { setTimeout(draw, 50); return; }\n"
                + "    div.textContent = 'This page has no plotly.js to draw the figure with. Open the notebook in "
                + "JupyterLab, Notebook 7 or VS Code, or read the handout.';\n"
                + "  })();\n"
                + "})();\n</script>\n";
    }
}
