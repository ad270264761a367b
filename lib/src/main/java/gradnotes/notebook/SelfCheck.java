package gradnotes.notebook;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A student's answer checked against a key, without the cell showing the answer: the key holds
 * the expected answer only salted and hashed, so neither the cell, nor any object in the notebook,
 * nor the output gives it away.
 *
 * <p>A number's key says to how many decimals it is compared: the student's value is rounded
 * half away from zero to that many decimals and hashed with the question's salt. A key may accept
 * several values (a sheet whose rounding rules allow two results). A multiple-choice key hashes
 * the sorted options (ignoring case and spaces) with its own salt, so two questions with the same
 * answer have different keys. Keys are made once, by the instructor, with {@link #numberKey} and
 * {@link #choicesKey}.
 *
 * <pre>{@code
 * double myAnswer = Double.NaN;   // type your value here and run the cell
 * show(SelfCheck.number("ŷ₂", myAnswer, "n2:5f0c…:9a41…"));
 * }</pre>
 *
 * <p>A check run where no answer can be typed in only a few values (a count, a small integer)
 * can be found by trying every value; the key keeps the answer from being read, not from being
 * guessed.
 */
public final class SelfCheck implements Displayable {
    private static final SecureRandom SALTS = new SecureRandom();

    private final String message;
    private final boolean right;

    private SelfCheck(String message, boolean right) {
        this.message = message;
        this.right = right;
    }

    /**
     * The key of a number question: accepts each of {@code accepted}, compared at {@code decimals}
     * decimals. The salt is drawn afresh, so each call gives a different key.
     */
    public static String numberKey(String what, int decimals, double... accepted) {
        if (decimals < 0 || decimals > 12)
            throw new IllegalArgumentException("decimals is " + decimals + ", expected 0 to 12");
        if (accepted == null || accepted.length == 0)
            throw new IllegalArgumentException("accepted is empty: a key needs at least one value");
        String salt = salt();
        return "n" + decimals + ":" + salt + ":" + Arrays.stream(accepted)
                .mapToObj(v -> hash(salt, what, canonical(v, decimals))).collect(Collectors.joining("+"));
    }

    /**
     * The key of a multiple-choice question whose true options are {@code correct}; any further
     * sets in {@code alsoAccepted} are accepted as well (for a question whose official answer is
     * disputed, say). Each call draws a fresh salt.
     */
    @SafeVarargs
    public static String choicesKey(String what, Set<String> correct, Set<String>... alsoAccepted) {
        if (correct == null) throw new IllegalArgumentException("correct is null, expected a set of options");
        if (alsoAccepted == null) throw new IllegalArgumentException("alsoAccepted is null, expected sets of options");
        for (int i = 0; i < alsoAccepted.length; i++)
            if (alsoAccepted[i] == null)
                throw new IllegalArgumentException("alsoAccepted[" + i + "] is null, expected a set of options");
        String salt = salt();
        return "c:" + salt + ":" + Stream.concat(Stream.of(correct), Arrays.stream(alsoAccepted))
                .map(set -> hash(salt, what, joined(set))).distinct().collect(Collectors.joining("+"));
    }

    /** Right when {@code answer}, rounded as the key says, is one of the values the key accepts; NaN means not answered yet. */
    public static SelfCheck number(String what, double answer, String key) {
        String[] k = parts(key, 'n');
        int decimals = Integer.parseInt(k[0].substring(1));
        String precision = decimals == 0 ? "as a whole number" : "to " + decimals + " decimals";
        if (Double.isNaN(answer))
            return new SelfCheck("✎ " + what + ": not answered yet. Replace Double.NaN with your value (checked "
                    + precision + ") and run the cell again.", false);
        if (Double.isInfinite(answer))
            return new SelfCheck("✗ " + what + ": " + answer + " is not a number to check. Type a finite value.", false);
        String typed = canonical(answer, decimals);
        if (Arrays.asList(k[2].split("\\+")).contains(hash(k[1], what, typed)))
            return new SelfCheck("✓ " + what + ": " + typed + " is right.", true);
        return new SelfCheck("✗ " + what + ": " + typed + " is not it yet (compared " + precision
                + "). Recompute, or read the solution.", false);
    }

    /** Right when the chosen options are exactly one of the sets the key accepts (compared ignoring case and spaces). */
    public static SelfCheck choices(String what, Set<String> answer, String key) {
        String[] k = parts(key, 'c');
        if (answer == null || answer.isEmpty())
            return new SelfCheck("✎ " + what + ": not answered yet. Put the options you think are true in the set "
                    + "and run the cell again.", false);
        String chosen = "{" + joined(answer).replace("|", ", ") + "}";
        return Arrays.asList(k[2].split("\\+")).contains(hash(k[1], what, joined(answer)))
                ? new SelfCheck("✓ " + what + ": " + chosen + " is right.", true)
                : new SelfCheck("✗ " + what + ": " + chosen + " is not it yet. Think again about each option, "
                        + "or read the solution.", false);
    }

    /** Whether the answer was right. */
    public boolean right() { return right; }

    /**
     * Nothing when the answer is right; otherwise an {@link IllegalStateException} with the
     * check's message, which is how an autograder's test cell fails (and says why).
     */
    public void orFail() {
        if (!right) throw new IllegalStateException(message);
    }

    private static String[] parts(String key, char kind) {
        String[] k = key == null ? new String[0] : key.split(":");
        boolean ok = k.length == 3 && !k[0].isEmpty() && k[0].charAt(0) == kind && !k[1].isEmpty() && !k[2].isEmpty();
        if (ok && kind == 'n') ok = k[0].substring(1).matches("\\d{1,2}");
        if (!ok)
            throw new IllegalArgumentException("key " + key + " is not a " + (kind == 'n' ? "number" : "choices")
                    + " key; expected one made by SelfCheck." + (kind == 'n' ? "numberKey" : "choicesKey"));
        return k;
    }

    /** {@code v} rounded half away from zero to {@code decimals} places, written with exactly that many; −0 is 0. */
    static String canonical(double v, int decimals) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("value is " + v + ", expected a finite number");
        BigDecimal d = new BigDecimal(Double.toString(v)).setScale(decimals, RoundingMode.HALF_UP);
        if (d.signum() == 0) d = BigDecimal.ZERO.setScale(decimals);
        return d.toPlainString();
    }

    private static String joined(Set<String> options) {
        return options.stream().map(o -> o.replace(" ", "").toLowerCase())
                .collect(Collectors.toCollection(TreeSet::new)).stream().collect(Collectors.joining("|"));
    }

    private static String salt() {
        byte[] b = new byte[8];
        SALTS.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String hash(String salt, String what, String answer) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((salt + "|" + what + "|" + answer).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override public MimeBundle toBundle() { return MimeBundle.text(message); }

    @Override public String toString() { return message; }
}
