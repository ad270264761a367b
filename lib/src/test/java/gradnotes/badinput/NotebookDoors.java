package gradnotes.badinput;

import gradnotes.notebook.Display;
import gradnotes.notebook.Markdown;
import gradnotes.notebook.Symbols;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static gradnotes.badinput.NnDoors.arg;
import static gradnotes.badinput.Slots.bads;
import static gradnotes.badinput.Slots.custom;

/** The public entry points of {@code gradnotes.notebook} that take text or figures from a notebook cell. */
final class NotebookDoors {
    private NotebookDoors() {}

    static List<Door> doors() {
        List<Door> d = new ArrayList<>();
        d.add(Door.of("Display.plotly(json, plain)", (f, a) -> Display.plotly(arg(a, 0), arg(a, 1)),
                custom("json", f -> Map.of("data", List.of(), "layout", Map.of()), f -> bads("null", null,
                        "no data array", Map.of("layout", Map.of()), "data not an array", Map.of("data", "x")), "json"),
                custom("plain", f -> "a figure", f -> bads("null", null, "blank", "  "), "plain")));
        d.add(Door.of("Display.markdown(md)", (f, a) -> Display.markdown(arg(a, 0)), custom("md", f -> "h_t", f -> bads("null", null), "md")));
        d.add(Door.of("Markdown.escape(text)", (f, a) -> Markdown.escape(arg(a, 0)),
                custom("text", f -> "h_t", f -> bads("null", null), "text")));
        d.add(Door.of("Symbols.html(text)", (f, a) -> Symbols.html(arg(a, 0)), custom("text", f -> "h_t", f -> bads("null", null), "text")));
        d.add(Door.of("Symbols.plain(text)", (f, a) -> Symbols.plain(arg(a, 0)), custom("text", f -> "h_t", f -> bads("null", null), "text")));
        d.add(Door.of("Symbols.markdown(md)", (f, a) -> Symbols.markdown(arg(a, 0)), custom("md", f -> "h_t", f -> bads("null", null), "md")));
        return d;
    }
}
