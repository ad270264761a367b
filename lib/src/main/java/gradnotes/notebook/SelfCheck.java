package gradnotes.notebook;

/**
 * A student's answer checked against the library's value without printing that value: the cell
 * says right or not yet, and the solution stays hidden until the student looks for it.
 *
 * <pre>{@code
 * double myAnswer = Double.NaN;   // type your value here and run the cell
 * show(SelfCheck.number("ŷ₂", myAnswer, rnn.forward(h0, x, y).yHat(2), 0.01));
 * }</pre>
 */
public final class SelfCheck implements Displayable {
    private final String message;

    private SelfCheck(String message) { this.message = message; }

    /** Right when |answer − expected| ≤ tolerance; NaN means not answered yet. */
    public static SelfCheck number(String what, double answer, double expected, double tolerance) {
        if (Double.isNaN(answer))
            return new SelfCheck("✎ " + what + ": not answered yet. Replace Double.NaN with your value and run the cell again.");
        if (Math.abs(answer - expected) <= tolerance)
            return new SelfCheck("✓ " + what + ": " + Numbers.full(answer) + " is right.");
        String hint = Math.signum(answer) != Math.signum(expected) && expected != 0 ? " Check the sign." : "";
        return new SelfCheck("✗ " + what + ": " + Numbers.full(answer) + " is not it yet." + hint
                + " Recompute, or read the solution below.");
    }

    /** Right when the chosen options are exactly the correct ones (options are compared ignoring case and spaces). */
    public static SelfCheck choices(String what, java.util.Set<String> answer, java.util.Set<String> correct) {
        if (answer.isEmpty())
            return new SelfCheck("✎ " + what + ": not answered yet. Put the options you think are true in the set and run the cell again.");
        var norm = (java.util.function.Function<java.util.Set<String>, java.util.Set<String>>) s ->
                s.stream().map(o -> o.replace(" ", "").toLowerCase()).collect(java.util.stream.Collectors.toSet());
        var a = norm.apply(answer);
        var c = norm.apply(correct);
        if (a.equals(c)) return new SelfCheck("✓ " + what + ": right.");
        long right = a.stream().filter(c::contains).count();
        return new SelfCheck("✗ " + what + ": not yet (" + right + " of your " + a.size() + " choices are right, "
                + c.size() + " options are true).");
    }

    /**
     * Like {@link #choices(String, java.util.Set, java.util.Set)}, but the correct options are given only
     * as {@link #key(java.util.Set)} of them, so the cell a student sees does not show the answer.
     */
    public static SelfCheck choices(String what, java.util.Set<String> answer, String key) {
        if (answer.isEmpty())
            return new SelfCheck("✎ " + what + ": not answered yet. Put the options you think are true in the set and run the cell again.");
        return key(answer).equals(key) ? new SelfCheck("✓ " + what + ": right.")
                : new SelfCheck("✗ " + what + ": not yet. Think again about each option, or read the solution below.");
    }

    /** A fingerprint of a set of options (SHA-256 of the sorted options, ignoring case and spaces). */
    public static String key(java.util.Set<String> options) {
        String joined = options.stream().map(o -> o.replace(" ", "").toLowerCase()).sorted()
                .collect(java.util.stream.Collectors.joining("|"));
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(joined.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override public MimeBundle toBundle() { return MimeBundle.text(message); }

    @Override public String toString() { return message; }
}
