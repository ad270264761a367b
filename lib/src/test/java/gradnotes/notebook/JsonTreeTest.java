package gradnotes.notebook;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTreeTest {
    @Test
    void readsJson() {
        Object v = JsonTree.parse("{\"a\": [1, 2.5, -3e-2], \"b\": {\"c\": \"x\\\"y\\u00e9\"}, \"d\": true, \"e\": null}");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", List.of(1.0, 2.5, -0.03));
        expected.put("b", Map.of("c", "x\"yé"));
        expected.put("d", true);
        expected.put("e", null);
        assertEquals(expected, v);
    }

    @Test
    void readsTheJavaScriptLiteralsTablesawWrites() {
        Object v = JsonTree.parse("{\n height: 420,\n xaxis: { title: 'σ\\'(x)', type: 'log', },\n y: [\"1.0\", NaN, ],\n}");
        assertEquals(Map.of("height", 420.0, "xaxis", Map.of("title", "σ'(x)", "type", "log"), "y", Arrays.asList("1.0", null)), v);
    }

    @Test
    void aBareNameIsAVariable() {
        assertEquals(List.of(Map.of("x", 1.0)), JsonTree.parse("[ trace0 ]", Map.of("trace0", Map.of("x", 1.0))));
        var e = assertThrows(IllegalArgumentException.class, () -> JsonTree.parse("[ trace1 ]"));
        assertTrue(e.getMessage().startsWith("unknown name 'trace1' at character"), e.getMessage());
    }

    @Test
    void writesWhatItReads() {
        String json = "{\"a\":[1,2.5,null],\"t\":\"line\\nbreak \\\"q\\\" \\u003c/script>\",\"ok\":false}";
        assertEquals(json, JsonTree.write(JsonTree.parse(json)));
        assertEquals("[null,null,0.1]", JsonTree.write(List.of(Double.NaN, Double.POSITIVE_INFINITY, 0.1)));
    }

    @Test
    void aMapWithoutAnOrderOfItsOwnIsWrittenSortedByKey() {
        assertEquals("{\"duration\":0,\"redraw\":true,\"z\":1}", JsonTree.write(Map.of("z", 1, "redraw", true, "duration", 0)));
        Map<String, Object> kept = new LinkedHashMap<>();
        kept.put("z", 1);
        kept.put("a", 2);
        assertEquals("{\"z\":1,\"a\":2}", JsonTree.write(kept), "an order of its own is kept");
    }

    @Test
    void brokenTextIsNamedWithWhere() {
        var e = assertThrows(IllegalArgumentException.class, () -> JsonTree.parse("{\"a\": [1, 2}"));
        assertTrue(e.getMessage().startsWith("expected ',' or ']' in an array at character 11"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonTree.parse("{\"a\": 'open"));
        assertThrows(IllegalArgumentException.class, () -> JsonTree.parse("[1] 2"));
    }
}
