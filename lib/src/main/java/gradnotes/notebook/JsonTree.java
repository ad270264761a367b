package gradnotes.notebook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain Java values: objects are {@code Map<String, Object>} (in order), arrays {@code List},
 * strings, {@code Double}, {@code Boolean} and {@code null}. That is the form a kernel's display
 * call serialises as a JSON value, which JSON MIME types (plotly's among them) need.
 *
 * <p>{@link #parse} also reads the JavaScript object literals Tablesaw writes (unquoted keys,
 * single-quoted strings, trailing commas); {@code NaN} and {@code Infinity} become {@code null},
 * as JSON has no such numbers. A name that is not a literal is looked up in {@code variables}.
 */
public final class JsonTree {
    private final String text;
    private final Map<String, Object> variables;
    private int at;

    private JsonTree(String text, Map<String, Object> variables) {
        this.text = text;
        this.variables = variables;
    }

    /** The value written in {@code text}, JSON or a JavaScript literal. */
    public static Object parse(String text) { return parse(text, Map.of()); }

    /** As {@link #parse(String)}, where a bare name stands for the value {@code variables} gives it. */
    public static Object parse(String text, Map<String, Object> variables) {
        JsonTree reader = new JsonTree(text, variables);
        Object value = reader.value();
        reader.skipSpace();
        if (reader.at < text.length() && text.charAt(reader.at) != ';')
            throw reader.error("unexpected '" + text.charAt(reader.at) + "' after the value");
        return value;
    }

    /** A value read from the middle of a text, and where it ended. */
    record Read(Object value, int end) {}

    /** Reads the one value that starts at {@code from} (after blanks) and says where it ends. */
    static Read readAt(String text, int from, Map<String, Object> variables) {
        JsonTree reader = new JsonTree(text, variables);
        reader.at = from;
        Object value = reader.value();
        return new Read(value, reader.at);
    }

    /** {@code value} as JSON text. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) out.append("null");
        else if (value instanceof String s) quote(s, out);
        else if (value instanceof Boolean b) out.append(b);
        else if (value instanceof Number n) {
            double d = n.doubleValue();
            out.append(Double.isFinite(d) ? (d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d)) : "null");
        } else if (value instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (var e : inWritingOrder(m)) {
                if (!first) out.append(',');
                first = false;
                quote(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) out.append(',');
                write(l.get(i), out);
            }
            out.append(']');
        } else throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName());
    }

    /**
     * A map's entries in its own order where it keeps one (LinkedHashMap, sorted maps), else sorted by
     * key: Map.of and HashMap iterate in an order that changes from one JVM to the next, and the same
     * figure must give the same text every time (a notebook run twice shows the same outputs).
     */
    private static Iterable<? extends Map.Entry<?, ?>> inWritingOrder(Map<?, ?> m) {
        if (m instanceof LinkedHashMap<?, ?> || m instanceof java.util.SortedMap<?, ?>) return m.entrySet();
        List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
        entries.sort(java.util.Comparator.comparing(e -> String.valueOf(e.getKey())));
        return entries;
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<' -> out.append("\\u003c"); // so that "</script>" in a title cannot end an HTML script
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    private Object value() {
        skipSpace();
        if (at >= text.length()) throw error("the text ends where a value should be");
        char c = text.charAt(at);
        if (c == '{') return object();
        if (c == '[') return array();
        if (c == '"' || c == '\'') return string();
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) return number();
        String name = name();
        return switch (name) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null", "undefined", "NaN", "Infinity" -> null;
            default -> {
                if (!variables.containsKey(name)) throw error("unknown name '" + name + "'");
                yield variables.get(name);
            }
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        at++;
        while (true) {
            skipSpace();
            if (peek('}')) { at++; return map; }
            char c = text.charAt(at);
            String key = c == '"' || c == '\'' ? string() : name();
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            if (peek(',')) at++;
            else if (!peek('}')) throw error("expected ',' or '}' in an object");
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        at++;
        while (true) {
            skipSpace();
            if (peek(']')) { at++; return list; }
            list.add(value());
            skipSpace();
            if (peek(',')) at++;
            else if (!peek(']')) throw error("expected ',' or ']' in an array");
        }
    }

    private String string() {
        char quote = text.charAt(at++);
        StringBuilder s = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == quote) return s.toString();
            if (c != '\\') { s.append(c); continue; }
            if (at >= text.length()) break;
            char e = text.charAt(at++);
            switch (e) {
                case 'n' -> s.append('\n');
                case 't' -> s.append('\t');
                case 'r' -> s.append('\r');
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'u' -> {
                    if (at + 4 > text.length()) throw error("a \\u escape needs four hex digits");
                    s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    at += 4;
                }
                default -> s.append(e);
            }
        }
        throw error("a string is not closed");
    }

    private Object number() {
        int start = at;
        if (text.startsWith("-Infinity", at) || text.startsWith("+Infinity", at)) { at += 9; return null; }
        while (at < text.length() && "+-.eE0123456789".indexOf(text.charAt(at)) >= 0) at++;
        try {
            return Double.parseDouble(text.substring(start, at));
        } catch (NumberFormatException e) {
            throw error("'" + text.substring(start, at) + "' is not a number");
        }
    }

    private String name() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_' || text.charAt(at) == '$')) at++;
        if (start == at) throw error("unexpected '" + text.charAt(at) + "'");
        return text.substring(start, at);
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (Character.isWhitespace(c)) at++;
            else if (text.startsWith("//", at)) { while (at < text.length() && text.charAt(at) != '\n') at++; }
            else return;
        }
    }

    private boolean peek(char c) { return at < text.length() && text.charAt(at) == c; }

    private void expect(char c) {
        if (!peek(c)) throw error("expected '" + c + "'");
        at++;
    }

    private IllegalArgumentException error(String what) {
        int from = Math.max(0, at - 30), to = Math.min(text.length(), at + 30);
        return new IllegalArgumentException(what + " at character " + at + ": …" + text.substring(from, to) + "…");
    }
}
