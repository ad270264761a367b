package gradnotes.notebook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rich output: the same content under several MIME types (a frontend picks the richest it
 * can draw). Every bundle carries {@code text/plain}, so a terminal, a log or a screen reader
 * still learns what the output shows.
 */
public record MimeBundle(Map<String, String> data) {
    public MimeBundle {
        if (!data.containsKey("text/plain"))
            throw new IllegalArgumentException("a bundle needs a text/plain fallback; it has " + data.keySet());
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** A bundle with a text fallback and one rich representation. */
    public static MimeBundle of(String plain, String mime, String rich) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("text/plain", plain);
        m.put(mime, rich);
        return new MimeBundle(m);
    }

    public static MimeBundle text(String plain) {
        return new MimeBundle(Map.of("text/plain", plain));
    }

    public String plain() { return data.get("text/plain"); }
}
