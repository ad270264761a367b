package gradnotes.badinput;

import java.util.List;
import java.util.function.Function;

/**
 * One argument of a {@link Door}.
 *
 * @param name     the argument's name
 * @param good     a value the door accepts, built on a fresh fixture
 * @param bads     the bad values for this argument, built on the same fixture (so that a foreign or stale
 *                 run belongs to the fixture's models); their number must not depend on the fixture's seed
 * @param mentions what a refusal's message must contain, one of: the argument's name, or the name the
 *                 library gives an element of it ("x_" for an entry of xs, "dL/dh_" for one of dLdh)
 */
record Slot(String name, Function<Fixture, Object> good, Function<Fixture, List<Bad>> bads, List<String> mentions) {
    /** A bad value and what is wrong with it ("NaN at [1,0]", "null", "a run of another model"). */
    record Bad(String label, Object value) {}

    /** This slot without its bad values of no entries (for a check that accepts an empty matrix as having nothing wrong in it). */
    Slot withoutEmpty() {
        return new Slot(name, good, f -> bads.apply(f).stream().filter(b -> !b.label().equals("0×0")).toList(), mentions);
    }

    Slot mentioning(String... more) {
        List<String> all = new java.util.ArrayList<>(mentions);
        all.addAll(List.of(more));
        return new Slot(name, good, bads, List.copyOf(all));
    }
}
