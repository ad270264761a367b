package gradnotes.nn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SequenceSearchTest {
    /** First token: A 0.6, B 0.4. After A the next is a coin flip; after B it is almost surely A. */
    private final SequenceSearch model = new SequenceSearch(prefix -> prefix.isEmpty() ? new double[] {0.6, 0.4}
            : prefix.get(prefix.size() - 1) == 0 ? new double[] {0.5, 0.5} : new double[] {0.9, 0.1}, 2);

    @Test
    void greedyMissesTheMostLikelySequenceThatBeamSearchFinds() {
        assertEquals(List.of(0, 0), model.greedy().tokens());
        assertEquals(0.30, model.greedy().probability(), 1e-15);
        assertEquals(List.of(1, 0), model.all().get(0).tokens());
        assertEquals(0.36, model.all().get(0).probability(), 1e-15);
        assertEquals(model.all().get(0), model.beam(2));
        assertEquals(model.greedy(), model.beam(1));
        assertEquals(1.0, model.all().stream().mapToDouble(SequenceSearch.Scored::probability).sum(), 1e-12);
    }

    @Test
    void aModelThatIsNotADistributionIsRefused() {
        var bad = new SequenceSearch(p -> new double[] {0.5, 0.6}, 1);
        assertEquals("the model's probabilities after [] sum to 1.1, not 1", assertThrows(IllegalArgumentException.class, bad::greedy).getMessage());
    }
}
