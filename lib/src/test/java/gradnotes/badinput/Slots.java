package gradnotes.badinput;

import gradnotes.badinput.Slot.Bad;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Slots by kind of argument, each with the bad values of its kind: null, wrong shapes, empty, zero and negative sizes, NaN and ±∞. */
final class Slots {
    private Slots() {}

    private static Slot slot(String name, Function<Fixture, Object> good, Function<Fixture, List<Bad>> bads, String... mentions) {
        List<String> m = new ArrayList<>(List.of(name));
        m.addAll(List.of(mentions));
        return new Slot(name, good, bads, List.copyOf(m));
    }

    /** {@code m} with {@code v} at a random entry. */
    static DMatrixRMaj with(DMatrixRMaj m, double v, Fixture f) {
        DMatrixRMaj c = m.copy();
        c.set(f.rng.nextInt(c.numRows), f.rng.nextInt(c.numCols), v);
        return c;
    }

    private static List<Bad> nonFinite(DMatrixRMaj good, Fixture f) {
        return List.of(new Bad("NaN at an entry", with(good, Double.NaN, f)), new Bad("+∞ at an entry", with(good, Double.POSITIVE_INFINITY, f)),
                new Bad("−∞ at an entry", with(good, Double.NEGATIVE_INFINITY, f)));
    }

    /** A matrix that must be exactly {@code rows × cols}, with finite entries. */
    static Slot matrix(String name, int rows, int cols) {
        return slot(name, f -> f.matrix(rows, cols), f -> {
            List<Bad> bads = new ArrayList<>(List.of(new Bad("null", null), new Bad("one row too many", f.matrix(rows + 1, cols)),
                    new Bad("one column too many", f.matrix(rows, cols + 1)), new Bad("no columns", new DMatrixRMaj(rows, 0))));
            bads.addAll(nonFinite(f.matrix(rows, cols), f));
            return bads;
        });
    }

    /** A matrix of {@code rows} rows and {@code cols} columns where the columns are free to choose (a model's input size), at least 1. */
    static Slot freeColumns(String name, int rows, int cols) {
        return slot(name, f -> f.matrix(rows, cols), f -> {
            List<Bad> bads = new ArrayList<>(List.of(new Bad("null", null), new Bad("one row too many", f.matrix(rows + 1, cols)),
                    new Bad("no columns", new DMatrixRMaj(rows, 0))));
            bads.addAll(nonFinite(f.matrix(rows, cols), f));
            return bads;
        });
    }

    /** A matrix of {@code cols} columns and any number (at least 1) of rows (an output size), finite. */
    static Slot freeRows(String name, int rows, int cols) {
        return slot(name, f -> f.matrix(rows, cols), f -> {
            List<Bad> bads = new ArrayList<>(List.of(new Bad("null", null), new Bad("one column too many", f.matrix(rows, cols + 1)),
                    new Bad("no rows", new DMatrixRMaj(0, cols))));
            bads.addAll(nonFinite(f.matrix(rows, cols), f));
            return bads;
        });
    }

    /** A matrix of {@code rows} rows and any number (at least 1) of columns: an input batch. */
    static Slot batch(String name, int rows) {
        return slot(name, f -> f.matrix(rows, 1), f -> {
            List<Bad> bads = new ArrayList<>(List.of(new Bad("null", null), new Bad("one row too many", f.matrix(rows + 1, 1)),
                    new Bad("empty (no columns)", new DMatrixRMaj(rows, 0))));
            bads.addAll(nonFinite(f.matrix(rows, 2), f));
            return bads;
        });
    }

    /** A matrix of any shape with at least one entry, finite. */
    static Slot anyMatrix(String name, int rows, int cols) {
        return slot(name, f -> f.matrix(rows, cols), f -> {
            List<Bad> bads = new ArrayList<>(List.of(new Bad("null", null), new Bad("0×0", new DMatrixRMaj(0, 0))));
            bads.addAll(nonFinite(f.matrix(rows, cols), f));
            return bads;
        });
    }

    /** A sequence of {@code steps} single columns of {@code rows} rows; its entries are named {@code element}1, {@code element}2, .... */
    static Slot sequence(String name, int rows, int steps, String element) {
        return slot(name, f -> name.equals("xs") && rows == Fixture.M && steps == Fixture.T ? f.xs() : f.sequence(rows, steps), f -> {
            List<DMatrixRMaj> good = f.sequence(rows, steps);
            int t = f.rng.nextInt(steps);
            List<Bad> bads = new ArrayList<>(List.of(new Bad("null", null), new Bad("empty", List.of()),
                    new Bad("a null step", replaced(good, t, null)), new Bad("a step with a row too many", replaced(good, t, f.matrix(rows + 1, 1)))));
            if (steps >= 2) bads.add(new Bad("a step with another batch size", replaced(good, steps - 1, f.matrix(rows, 2))));
            else bads.add(new Bad("a step of no columns", replaced(good, 0, new DMatrixRMaj(rows, 0))));
            for (Bad b : nonFinite(good.get(t), f)) bads.add(new Bad(b.label() + " of a step", replaced(good, t, (DMatrixRMaj) b.value())));
            return bads;
        }, element);
    }

    /** Upstream gradients, one per step ({@code rows × 1}), where a null entry means no loss at that step. */
    static Slot gradients(String name, int rows, int steps, String element) {
        return slot(name, f -> f.sequence(rows, steps), f -> {
            List<DMatrixRMaj> good = f.sequence(rows, steps);
            int t = f.rng.nextInt(steps);
            List<Bad> bads = new ArrayList<>(List.of(new Bad("null", null), new Bad("a step too few", good.subList(0, steps - 1)),
                    new Bad("a step too many", f.sequence(rows, steps + 1)), new Bad("a step with a row too many", replaced(good, t, f.matrix(rows + 1, 1)))));
            for (Bad b : nonFinite(good.get(t), f)) bads.add(new Bad(b.label() + " of a step", replaced(good, t, (DMatrixRMaj) b.value())));
            return bads;
        }, element);
    }

    private static List<DMatrixRMaj> replaced(List<DMatrixRMaj> seq, int t, DMatrixRMaj m) {
        List<DMatrixRMaj> c = new ArrayList<>(seq);
        c.set(t, m);
        return c;
    }

    /** A size that must be at least 1. */
    static Slot size(String name, int good) {
        return slot(name, f -> good, f -> List.of(new Bad("0", 0), new Bad("−1", -1), new Bad("Integer.MIN_VALUE", Integer.MIN_VALUE)));
    }

    /** A position in {@code first..last}. */
    static Slot index(String name, int good, int first, int last) {
        return slot(name, f -> good, f -> List.of(new Bad("one before the first", first - 1), new Bad("one after the last", last + 1),
                new Bad("Integer.MIN_VALUE", Integer.MIN_VALUE), new Bad("Integer.MAX_VALUE", Integer.MAX_VALUE)));
    }

    /** A number that enters the arithmetic and must be finite. */
    static Slot finite(String name, double good) {
        return slot(name, f -> good, f -> List.of(new Bad("NaN", Double.NaN), new Bad("+∞", Double.POSITIVE_INFINITY), new Bad("−∞", Double.NEGATIVE_INFINITY)));
    }

    /** A rate, a scale or a tolerance: a finite number above 0. */
    static Slot positive(String name, double good) {
        return slot(name, f -> good, f -> List.of(new Bad("0", 0.0), new Bad("negative", -good), new Bad("NaN", Double.NaN),
                new Bad("+∞", Double.POSITIVE_INFINITY), new Bad("−∞", Double.NEGATIVE_INFINITY)));
    }

    /** An object that must be given; its only bad value is null. */
    static Slot given(String name, Function<Fixture, Object> good) {
        return slot(name, good, f -> List.of(new Bad("null", null)));
    }

    /** An argument with no bad value of its own (any int is a valid shift k, say). */
    static Slot fixed(String name, Object good) {
        return slot(name, f -> good, f -> List.of());
    }

    /** Any slot with its own list of bad values. */
    static Slot custom(String name, Function<Fixture, Object> good, Function<Fixture, List<Bad>> bads, String... mentions) {
        return slot(name, good, bads, mentions);
    }

    static List<Bad> bads(Object... labelsAndValues) {
        List<Bad> b = new ArrayList<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) b.add(new Bad((String) labelsAndValues[i], labelsAndValues[i + 1]));
        return b;
    }

    static String[] strings(String... s) { return Arrays.copyOf(s, s.length); }
}
