package gradnotes.notebook;

import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names with subscripts and superscripts, written the way a sheet types them ({@code h_{t-1}},
 * {@code ‖∂h_T/∂h_t‖}, {@code ‖∂E/∂W^(k)‖}), turned into what a reader should see where no TeX is
 * typeset: figure titles, axis and legend titles, and table headers.
 *
 * <ul>
 * <li>{@link #html}: HTML with {@code <sub>} and {@code <sup>} ({@code h<sub>t−1</sub>}), which
 * plotly draws in titles and legends and browsers draw in table headers;</li>
 * <li>{@link #plain}: Unicode subscripts and superscripts where every character has one
 * ({@code hₜ₋₁}, {@code W⁽ᵏ⁾}), the written form otherwise ({@code ∂h_T}), for text output.</li>
 * </ul>
 *
 * <p>What counts as a script: {@code _} or {@code ^} followed by a group in braces, by a group in
 * parentheses ({@code ^(k)}, kept with its parentheses), or by a run of letters and digits
 * ({@code W_hh}, {@code h_50}). A hyphen inside a script is a minus sign. Text between
 * {@code $…$} is taken as TeX without its dollars, so both spellings give the same result.
 */
public final class Symbols {
    private Symbols() {}

    private static final Pattern SCRIPT = Pattern.compile(
            "([_^])(?:\\{([^{}]*)\\}|(\\([^()]*\\))|([A-Za-z0-9\\u0370-\\u03ff′']+))");
    /** What {@link #markdown} leaves alone: math, code spans, and a script character escaped with a backslash. */
    private static final Pattern MARKDOWN_KEEP = Pattern.compile("\\$\\$.+?\\$\\$|\\$[^$\\n]+\\$|`[^`\\n]*`|\\\\[_^]",
            Pattern.DOTALL);

    private static final Pattern INLINE_TEX = Pattern.compile("\\$([^$]+)\\$");

    private static final String SUB_FROM = "0123456789+-−=()aehijklmnoprstuvx";
    private static final String SUB_TO = "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ";
    private static final String SUP_FROM = "0123456789+-−=()abcdefghijklmnoprstuvwxyzTn";
    private static final String SUP_TO = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀⁿ";

    /** {@code text} as HTML: special characters escaped, scripts as {@code <sub>}/{@code <sup>}. */
    public static String html(String text) {
        if (text == null) throw new IllegalArgumentException("text is null, expected a title or a name");
        return rewrite(unTex(text), SCRIPT, Symbols::tag, Symbols::escape);
    }

    /** {@code text} for plain-text output: scripts in Unicode where every character has a form. */
    public static String plain(String text) {
        if (text == null) throw new IllegalArgumentException("text is null, expected a title or a name");
        return rewrite(unTex(text), SCRIPT, m -> {
            boolean sub = m.group(1).equals("_");
            String body = minus(body(m));
            String mapped = map(body, sub ? SUB_FROM : SUP_FROM, sub ? SUB_TO : SUP_TO);
            if (mapped != null) return mapped;
            return m.group(1) + (body.length() == 1 || m.group(3) != null ? body : "(" + body + ")");
        }, UnaryOperator.identity());
    }

    /**
     * Generated Markdown with its scripts as HTML ({@code ‖∂h_60/∂h_0‖} as
     * {@code ‖∂h<sub>60</sub>/∂h<sub>0</sub>‖}), which Markdown passes through and notebooks draw;
     * left alone: math between dollars, code spans, and {@code \_} or {@code \^} (escaped on purpose,
     * see {@link Markdown#escape}). Without this, Markdown reads {@code _} as emphasis and shows
     * {@code ^} as it is.
     */
    public static String markdown(String md) {
        if (md == null) throw new IllegalArgumentException("md is null, expected Markdown text");
        return rewrite(md, MARKDOWN_KEEP, Matcher::group,
                between -> rewrite(between, SCRIPT, Symbols::tag, UnaryOperator.identity()));
    }

    /** Every match of {@code p} in s replaced by {@code match} of it, the text between by {@code between} of it. */
    private static String rewrite(String s, Pattern p, Function<Matcher, String> match, UnaryOperator<String> between) {
        StringBuilder out = new StringBuilder();
        Matcher m = p.matcher(s);
        int from = 0;
        while (m.find()) {
            out.append(between.apply(s.substring(from, m.start()))).append(match.apply(m));
            from = m.end();
        }
        return out.append(between.apply(s.substring(from))).toString();
    }

    /** A script as {@code <sub>…</sub>} or {@code <sup>…</sup>}. */
    private static String tag(Matcher m) {
        String tag = m.group(1).equals("_") ? "sub" : "sup";
        return "<" + tag + ">" + escape(minus(body(m))) + "</" + tag + ">";
    }

    /** Whether {@code text} holds a script that {@link #html} and {@link #plain} would rewrite. */
    public static boolean hasScripts(String text) { return text != null && SCRIPT.matcher(unTex(text)).find(); }

    private static String body(Matcher m) {
        return m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
    }

    /** Inline TeX as text: the dollars dropped, a few commands as their characters. */
    private static String unTex(String s) {
        if (s.indexOf('$') < 0) return s;
        return rewrite(s, INLINE_TEX, m -> m.group(1).replace("\\partial ", "∂").replace("\\partial", "∂")
                .replace("\\|", "‖").replace("\\sigma", "σ").replace("\\rho", "ρ").replace("\\hat ", "")
                .replace("\\,", " "), UnaryOperator.identity());
    }

    private static String minus(String s) { return s.replace('-', '−'); }

    private static String map(String s, String from, String to) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            int k = from.indexOf(s.charAt(i));
            if (k < 0) return null;
            out.append(to.charAt(k));
        }
        return out.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
