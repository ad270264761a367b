package gradnotes.notebook;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text put into generated Markdown: a symbol such as "‖h_t − h_{t−1}‖" or "a*b" must show as
 * written, not turn into italics, a link or a heading. Math between $…$ is left alone, since the
 * notebook typesets it.
 */
public final class Markdown {
    private Markdown() {}

    private static final Pattern MATH = Pattern.compile("\\$\\$.+?\\$\\$|\\$[^$]+\\$", Pattern.DOTALL);
    private static final String SPECIAL = "\\`*_{}[]<>#+-!|~";

    /** {@code text} with every character Markdown would read as markup escaped, outside $…$ math. */
    public static String escape(String text) {
        if (text == null) throw new IllegalArgumentException("text is null, expected the text to escape");
        StringBuilder out = new StringBuilder();
        Matcher m = MATH.matcher(text);
        int from = 0;
        while (m.find()) {
            escapePlain(text.substring(from, m.start()), out);
            out.append(m.group());
            from = m.end();
        }
        escapePlain(text.substring(from), out);
        return out.toString();
    }

    private static void escapePlain(String s, StringBuilder out) {
        for (char c : s.toCharArray()) {
            if (SPECIAL.indexOf(c) >= 0) out.append('\\');
            out.append(c);
        }
    }
}
