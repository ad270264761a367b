package gradnotes.badinput;

import gradnotes.badinput.Slot.Bad;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The generated bad-input suite: every public entry point of {@code nn}, {@code grad}, {@code train} and
 * {@code plot}, called with bad arguments (null, wrong shapes, empty, zero and negative sizes, NaN and ±∞,
 * foreign and stale runs). Whatever the call, the only exception that may come out is an
 * IllegalArgumentException (or an IllegalStateException where the state is wrong), and its message names
 * the bad argument and says what was expected; a bad argument that is accepted is a failure too.
 *
 * <p>Two properties: every (entry point, argument, kind of bad value) once, each with its details (which entry
 * is NaN, which step is null) drawn from a seed of its own, the same in every build; and 1,000 calls with
 * several arguments bad at once, drawn anew in every build (jqwik prints the seed of a failure, and replays it
 * first in the next run).
 */
class BadInputTest {
    static final List<Door> DOORS = Stream.of(NnDoors.doors(), GradDoors.doors(), TrainDoors.doors(), PlotDoors.doors(),
                    NotebookDoors.doors())
            .flatMap(List::stream).toList();
    private static final AtomicInteger CALLS = new AtomicInteger();

    /** One bad call: the door, and for each corrupted slot the index of its bad value. */
    record BadCall(Door door, Map<Integer, Integer> corrupted, long seed) {
        @Override public String toString() {
            return door.name() + " with " + corrupted.entrySet().stream().map(e -> door.slots().get(e.getKey()).name() + " = "
                    + labels(door, e.getKey()).get(e.getValue())).collect(Collectors.joining(", ")) + " (seed " + seed + ")";
        }
    }

    /** The labels of a slot's bad values (their number and order do not depend on the seed). */
    static List<String> labels(Door door, int slot) {
        return door.slots().get(slot).bads().apply(new Fixture(0)).stream().map(Bad::label).toList();
    }

    /** Every (door, slot, bad value) once. */
    static List<BadCall> everyBadCall() {
        List<BadCall> calls = new ArrayList<>();
        for (Door door : DOORS)
            for (int s = 0; s < door.slots().size(); s++)
                for (int b = 0; b < labels(door, s).size(); b++)
                    calls.add(new BadCall(door, Map.of(s, b), 31L * calls.size() + 7));
        return calls;
    }

    @Provide Arbitrary<BadCall> eachBadCall() { return Arbitraries.of(everyBadCall()); }

    @Provide Arbitrary<BadCall> randomBadCall() {
        List<Door> withBads = DOORS.stream().filter(d -> countBads(d) > 0).toList();
        return Arbitraries.of(withBads).flatMap(door -> Arbitraries.longs().flatMap(seed -> {
            java.util.Random r = new java.util.Random(seed);
            Map<Integer, Integer> corrupted = new LinkedHashMap<>();
            List<Integer> slots = new ArrayList<>();
            for (int s = 0; s < door.slots().size(); s++) if (!labels(door, s).isEmpty()) slots.add(s);
            java.util.Collections.shuffle(slots, r);
            int how = 1 + r.nextInt(slots.size());
            boolean relativeTaken = false;
            for (int s : slots.subList(0, how)) {
                List<String> labels = labels(door, s);
                int b = r.nextInt(labels.size());
                // two shapes wrong together can fit each other (x and h both with two columns is a batch of two):
                // at most one argument gets a bad value that is bad only relative to the others
                if (relative(labels.get(b))) {
                    if (relativeTaken) continue;
                    relativeTaken = true;
                }
                corrupted.put(s, b);
            }
            return Arbitraries.just(new BadCall(door, corrupted, seed));
        }));
    }

    /** Whether a bad value is bad only relative to the other arguments (a shape that does not fit them). */
    static boolean relative(String label) {
        return label.contains("too many") || label.contains("too few") || label.contains("another") || label.contains("column")
                || label.contains("row") || label.contains("wrong") || label.contains("fit");
    }

    private static int countBads(Door d) {
        int n = 0;
        for (int s = 0; s < d.slots().size(); s++) n += labels(d, s).size();
        return n;
    }

    @Property(generation = GenerationMode.EXHAUSTIVE, tries = 100_000)
    void everyBadArgumentOfEveryEntryPointIsRefusedByName(@ForAll("eachBadCall") BadCall call) { check(call); }

    @Property(tries = 1_000)
    void badArgumentsTogetherAreRefusedNamingOneOfThem(@ForAll("randomBadCall") BadCall call) { check(call); }

    @Example
    void everyEntryPointWorksWithGoodArguments() {
        for (Door door : DOORS) {
            Fixture f = new Fixture(1);
            CALLS.incrementAndGet();
            try {
                door.call().apply(f, door.goodArguments(f));
                assertTrue(!door.alwaysRefuses(), door.name() + " accepted its arguments, but it should refuse every call");
            } catch (IllegalArgumentException e) {
                if (!door.alwaysRefuses()) fail(door.name() + " refused its good arguments: " + e.getMessage(), e);
            }
        }
    }

    @Example
    void theSuiteMakesOverAThousandCallsPerBuild() {
        int exhaustive = everyBadCall().size();
        assertTrue(exhaustive >= 1_000, "every bad argument once makes only " + exhaustive + " calls");
        assertTrue(DOORS.size() >= 200, "only " + DOORS.size() + " entry points are called");
        assertEquals(DOORS.size(), DOORS.stream().map(Door::name).distinct().count(), "two entry points have the same name");
    }

    @AfterContainer
    static void report() {
        System.out.println("bad-input suite: " + DOORS.size() + " entry points, " + CALLS.get() + " calls");
    }

    /** Makes the call and requires a refusal that names one of the corrupted arguments. */
    static void check(BadCall call) {
        CALLS.incrementAndGet();
        Door door = call.door();
        Fixture f = new Fixture(call.seed());
        Object[] args = new Object[door.slots().size()];
        // the bad values first: making a stale run updates a model, and the good values must be made after that
        for (var e : call.corrupted().entrySet()) args[e.getKey()] = door.slots().get(e.getKey()).bads().apply(f).get(e.getValue()).value();
        for (int s = 0; s < args.length; s++) if (!call.corrupted().containsKey(s)) args[s] = door.slots().get(s).good().apply(f);
        Object result;
        try {
            result = door.call().apply(f, args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            String message = e.getMessage();
            assertTrue(message != null && !message.isBlank(), call + ": refused with no message");
            List<String> names = new ArrayList<>();
            for (int s : call.corrupted().keySet()) names.addAll(door.slots().get(s).mentions());
            assertTrue(names.stream().anyMatch(n -> mentions(message, n)), call + ": the message \"" + message + "\" names none of " + names);
            assertTrue(EXPECTATION.matcher(message).find(), call + ": the message \"" + message + "\" does not say what was expected");
            return;
        } catch (Throwable e) {
            throw new AssertionError(call + ": threw " + e, e);
        }
        fail(call + ": accepted, returning " + result);
    }

    /** The words with which a message says what was expected instead (" expected 2×1", "must be", "is outside 1..3"). */
    static final Pattern EXPECTATION = Pattern.compile(
            "expected|expects|must|needs?|outside|at least|but|not|cannot|only|limit|differ|already|no |none|empty|same|one ");

    /** Whether {@code message} mentions {@code name} as a word of its own (or as a prefix, for names such as "x_"). */
    static boolean mentions(String message, String name) {
        char last = name.charAt(name.length() - 1);
        if (!Character.isLetterOrDigit(last)) return message.contains(name);
        return Pattern.compile("(?<![\\p{L}\\p{N}_.])" + Pattern.quote(name) + "(?![\\p{L}\\p{N}])").matcher(message).find();
    }
}
