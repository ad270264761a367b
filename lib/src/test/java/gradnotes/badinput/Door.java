package gradnotes.badinput;

import java.util.List;

/**
 * A public entry point of the library and the arguments it takes: called with a good value in every
 * slot it must work; with a bad value in one slot it must refuse with an IllegalArgumentException (or an
 * IllegalStateException) whose message names that argument.
 *
 * @param name  how the entry point is written, e.g. "VanillaRnn.forward(xs, h0)"
 * @param slots one per argument (and per receiver state that can be bad, e.g. a run's step index)
 * @param call  the call, given a fresh {@link Fixture} and one value per slot
 * @param alwaysRefuses whether the door refuses even good arguments (a call that is never possible, such as
 *              continuing a bidirectional run)
 */
record Door(String name, List<Slot> slots, Call call, boolean alwaysRefuses) {
    interface Call {
        Object apply(Fixture f, Object[] args);
    }

    static Door of(String name, Call call, Slot... slots) { return new Door(name, List.of(slots), call, false); }

    Door refusingAlways() { return new Door(name, slots, call, true); }

    /** The values of every slot as given normally, built on {@code f}. */
    Object[] goodArguments(Fixture f) {
        Object[] args = new Object[slots.size()];
        for (int i = 0; i < args.length; i++) args[i] = slots.get(i).good().apply(f);
        return args;
    }

    @Override public String toString() { return name; }
}
