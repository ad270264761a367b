package gradnotes.nn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Choosing an output sequence from a model whose next-token distribution depends on the tokens
 * already chosen (an RNN with output connections): greedy choice, beam search, and exhaustive search
 * for the most likely sequence. The model is a function from a prefix (token indices) to a probability
 * vector over the vocabulary.
 */
public final class SequenceSearch {
    private final Function<List<Integer>, double[]> next;
    private final int length;

    public SequenceSearch(Function<List<Integer>, double[]> next, int length) {
        this.next = Shapes.notNull(next, "next", "the model: a function from a prefix of tokens to the next token's probabilities");
        this.length = Shapes.positive(length, "length");
    }

    /** A sequence and its probability Π_t p(y_t | y_&lt;t). */
    public record Scored(List<Integer> tokens, double probability) {}

    /** Takes the most likely token at every step, given the tokens taken before. */
    public Scored greedy() {
        List<Integer> y = new ArrayList<>();
        double p = 1;
        for (int t = 0; t < length; t++) {
            double[] dist = distribution(y);
            int best = 0;
            for (int k = 1; k < dist.length; k++) if (dist[k] > dist[best]) best = k;
            y.add(best);
            p *= dist[best];
        }
        return new Scored(List.copyOf(y), p);
    }

    /** Keeps the {@code width} most likely prefixes at every step; width 1 is greedy. */
    public Scored beam(int width) {
        Shapes.positive(width, "beam width");
        List<Scored> beam = List.of(new Scored(List.of(), 1.0));
        for (int t = 0; t < length; t++) {
            List<Scored> grown = extend(beam);
            beam = grown.subList(0, Math.min(width, grown.size()));
        }
        return beam.get(0);
    }

    /** Every sequence with its probability, most likely first (vocabulary^length of them: small cases only). */
    public List<Scored> all() {
        List<Scored> done = List.of(new Scored(List.of(), 1.0));
        for (int t = 0; t < length; t++) {
            done = extend(done);
            if (done.size() > 1_000_000) throw new IllegalArgumentException("exhaustive search over more than a million sequences; use beam()");
        }
        return done;
    }

    /** Every prefix followed by every token, most likely first. */
    private List<Scored> extend(List<Scored> prefixes) {
        List<Scored> grown = new ArrayList<>();
        for (Scored s : prefixes) {
            double[] dist = distribution(s.tokens());
            for (int k = 0; k < dist.length; k++) {
                List<Integer> y = new ArrayList<>(s.tokens());
                y.add(k);
                grown.add(new Scored(List.copyOf(y), s.probability() * dist[k]));
            }
        }
        grown.sort(Comparator.comparingDouble(Scored::probability).reversed());
        return grown;
    }

    private double[] distribution(List<Integer> prefix) {
        double[] d = next.apply(List.copyOf(prefix));
        if (d == null || d.length == 0)
            throw new IllegalArgumentException("the model (next) gave " + (d == null ? "null" : "an empty vocabulary") + " after " + prefix
                    + ", expected a probability for every token");
        double sum = 0;
        for (double v : d) {
            if (!(v >= 0)) throw new IllegalArgumentException("the model (next) gave a negative or NaN probability after " + prefix
                    + ", expected probabilities of 0 or more that sum to 1");
            sum += v;
        }
        if (Math.abs(sum - 1) > 1e-9) throw new IllegalArgumentException("the model's probabilities after " + prefix + " sum to " + sum + ", not 1");
        return d;
    }
}
