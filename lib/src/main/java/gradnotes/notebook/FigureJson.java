package gradnotes.notebook;

import tech.tablesaw.plotly.components.Figure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Tablesaw {@link Figure} as plotly's own MIME type, {@value #MIME}: a JSON object with the
 * figure's {@code data}, {@code layout} and {@code config}. JupyterLab (with plotly's renderer,
 * which the project's environment installs), Notebook 7 and VS Code draw it themselves, without
 * running any script from the output, so a reopened or untrusted notebook still shows its plots
 * and no figure depends on an earlier output.
 *
 * <p>Tablesaw writes a figure only as a script ({@code var layout = {…}; var trace0 = {…}; …});
 * this reads the literals back out of it.
 */
public final class FigureJson {
    public static final String MIME = "application/vnd.plotly.v1+json";
    private static final Pattern ASSIGNMENT = Pattern.compile("\\bvar\\s+(\\w+)\\s*=");

    private FigureJson() {}

    /** The figure as a plotly JSON object: {@code {"data": [...], "layout": {...}, "config": {...}}}. */
    public static Map<String, Object> of(Figure figure) {
        String script = figure.asJavascript("figure");
        Map<String, Object> variables = new LinkedHashMap<>();
        Matcher m = ASSIGNMENT.matcher(script);
        int from = 0;
        while (m.find(from)) {
            String name = m.group(1);
            if (name.startsWith("target_")) { from = m.end(); continue; } // document.getElementById(...)
            JsonTree.Read read = JsonTree.readAt(script, m.end(), variables);
            variables.put(name, read.value());
            from = read.end();
        }
        if (!(variables.get("data") instanceof List<?> data))
            throw new IllegalStateException("Tablesaw's script for this figure has no data array: " + variables.keySet());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", scripts(titlesAsObjects(data)));
        json.put("layout", scripts(titlesAsObjects(variables.getOrDefault("layout", Map.of()))));
        Map<String, Object> config = new LinkedHashMap<>();
        if (variables.get("config") instanceof Map<?, ?> c) c.forEach((k, v) -> config.put(String.valueOf(k), v));
        config.putIfAbsent("displaylogo", false);
        json.put("config", config);
        return json;
    }

    /**
     * Tablesaw writes {@code title: 'text'}, a form plotly.js 3 (the one JupyterLab's renderer brings)
     * no longer reads, so figures would lose their titles and axis titles there; plotly.js 2 and 3 both
     * read {@code title: {text: 'text'}}, with the font inside ({@code titlefont} before).
     */
    static Object titlesAsObjects(Object value) {
        if (value instanceof List<?> list) return list.stream().map(FigureJson::titlesAsObjects).toList();
        if (!(value instanceof Map<?, ?> map)) return value;
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), titlesAsObjects(v)));
        if (out.get("title") instanceof String text) {
            Map<String, Object> title = new LinkedHashMap<>();
            title.put("text", text);
            out.put("title", title);
        }
        if (out.get("titlefont") != null && out.get("title") instanceof Map<?, ?> title) {
            @SuppressWarnings("unchecked") Map<String, Object> t = (Map<String, Object>) title;
            t.putIfAbsent("font", out.remove("titlefont"));
        }
        return out;
    }

    /**
     * Titles (of the figure, its axes and colour bars) and trace names as plotly draws them without
     * TeX: {@code h_{t-1}} as {@code h<sub>t−1</sub>}, {@code W^(k)} as {@code W<sup>(k)</sup>}
     * ({@link Symbols#html}), with {@code <}, {@code >} and {@code &} escaped.
     */
    static Object scripts(Object value) {
        if (value instanceof List<?> list) return list.stream().map(FigureJson::scripts).toList();
        if (!(value instanceof Map<?, ?> map)) return value;
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), scripts(v)));
        if (out.get("title") instanceof Map<?, ?> title && title.get("text") instanceof String text) {
            Map<String, Object> t = new LinkedHashMap<>();
            title.forEach((k, v) -> t.put(String.valueOf(k), v));
            t.put("text", Symbols.html(unescape(text)));
            out.put("title", t);
        }
        if (out.get("name") instanceof String name && out.containsKey("type")) out.put("name", Symbols.html(unescape(name)));
        if (out.get("ticktext") instanceof List<?> labels)
            out.put("ticktext", labels.stream().map(l -> l instanceof String t ? unescape(t) : l).toList());
        return out;
    }

    /** Tablesaw's script writes titles and names HTML-escaped ({@code s &lt; t}); {@link Symbols#html} escapes them itself. */
    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&amp;", "&");
    }

    /** {@link #of} as JSON text. */
    public static String text(Figure figure) { return JsonTree.write(of(figure)); }
}
