package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Named matrices in a fixed order: a model's weights, or the gradients of a loss with respect to
 * them (same names, same shapes).
 *
 * <p>The matrices are held by reference: a model's {@code parameters()} returns its own weights,
 * so an optimizer or a gradient check that changes an entry changes the model. That is the point
 * of this class; copy with {@link #copy()} when a snapshot is wanted.
 *
 * <p>Every matrix has a version, which the in-place updates here ({@link #addScaled}, {@link #zero},
 * and {@link #markUpdated}, which the optimizers call after a step) move on. A forward pass records the
 * version of its model's weights ({@link Provenance}), so that a backward pass can refuse a run made before
 * an update. Writing into a matrix directly does not move its version.
 */
public final class Parameters {
    /** The last update of each matrix (by identity), on one clock for all; a matrix never updated is at 0. */
    private static final Map<DMatrixRMaj, Long> UPDATED = Collections.synchronizedMap(new WeakHashMap<>());
    private static final AtomicLong CLOCK = new AtomicLong();

    private final Map<String, DMatrixRMaj> byName = new LinkedHashMap<>();

    /** Adds a matrix under {@code name}; names are unique. Returns this, for chaining. */
    public Parameters add(String name, DMatrixRMaj m) {
        if (name == null) throw new IllegalArgumentException("name is null, expected the parameter's name");
        if (m == null) throw new IllegalArgumentException("parameter " + name + " is null, expected a matrix");
        if (byName.putIfAbsent(name, m) != null)
            throw new IllegalArgumentException("parameter " + name + " is already present");
        return this;
    }

    /** Adds every matrix of {@code other}, each name prefixed (e.g. "forward." for a bidirectional RNN). */
    public Parameters addAll(String prefix, Parameters other) {
        Shapes.notNull(prefix, "prefix", "a name prefix (\"\" for none)");
        Shapes.notNull(other, "other", "parameters to add");
        other.byName.forEach((n, m) -> add(prefix + n, m));
        return this;
    }

    /** The matrix named {@code name}; the message lists the names there are. */
    public DMatrixRMaj get(String name) {
        DMatrixRMaj m = byName.get(name);
        if (m == null) throw new IllegalArgumentException("no parameter " + name + "; there are " + names());
        return m;
    }

    public boolean has(String name) { return byName.containsKey(name); }

    public List<String> names() { return List.copyOf(byName.keySet()); }

    public Map<String, DMatrixRMaj> asMap() { return Collections.unmodifiableMap(byName); }

    public int size() { return byName.size(); }

    /** Total number of scalar entries. */
    public int count() {
        int n = 0;
        for (DMatrixRMaj m : byName.values()) n += m.getNumElements();
        return n;
    }

    /** New matrices of the same names and shapes, all zero: where a backward pass accumulates. */
    public Parameters zerosLike() {
        Parameters z = new Parameters();
        byName.forEach((n, m) -> z.add(n, new DMatrixRMaj(m.numRows, m.numCols)));
        return z;
    }

    /** A deep copy. */
    public Parameters copy() {
        Parameters c = new Parameters();
        byName.forEach((n, m) -> c.add(n, m.copy()));
        return c;
    }

    /** Sets every entry to zero, in place (an update: runs made before are stale). */
    public void zero() {
        byName.values().forEach(m -> m.zero());
        markUpdated();
    }

    /** this += alpha · other, entry by entry (names and shapes must match; an update: runs made before are stale). */
    public void addScaled(double alpha, Parameters other) {
        Shapes.finite(alpha, "alpha");
        requireSameLayout(other, "other");
        byName.forEach((n, m) -> CommonOps_DDRM.addEquals(m, alpha, other.byName.get(n)));
        markUpdated();
    }

    /**
     * Records that these matrices were changed in place: a run made by a forward pass before this is stale,
     * and its model's backward refuses it. The optimizers call this after every step.
     */
    public void markUpdated() {
        long now = CLOCK.incrementAndGet();
        synchronized (UPDATED) {
            for (DMatrixRMaj m : byName.values()) UPDATED.put(m, now);
        }
    }

    /** The version of these matrices: it moves on with every {@link #markUpdated} of any of them. */
    public long version() {
        long v = 0;
        synchronized (UPDATED) {   // the map's own lock, taken once for all the matrices
            for (DMatrixRMaj m : byName.values()) v = Math.max(v, UPDATED.getOrDefault(m, 0L));
        }
        return v;
    }

    /** Euclidean norm of one matrix. */
    public double norm(String name) { return NormOps_DDRM.normF(get(name)); }

    /** Requires every entry to be finite; names the first that is not as {@code what}'s (e.g. "grads W[0,1]"). */
    public Parameters requireFinite(String what) {
        byName.forEach((n, m) -> Shapes.finite(m, what + " " + n));
        return this;
    }

    /** Euclidean norm of all entries together (what clipping by norm uses). */
    public double norm() {
        double s = 0;
        for (DMatrixRMaj m : byName.values()) {
            double f = NormOps_DDRM.normF(m);
            s += f * f;
        }
        return Math.sqrt(s);
    }

    /** Whether every entry is finite (the entries only: a reshaped matrix's backing array may hold more). */
    public boolean isFinite() {
        for (DMatrixRMaj m : byName.values())
            for (int i = 0, n = m.getNumElements(); i < n; i++) if (!Double.isFinite(m.data[i])) return false;
        return true;
    }

    /** Requires the same names, in the same order, with the same shapes. */
    public void requireSameLayout(Parameters other) { requireSameLayout(other, "other"); }

    /** As {@link #requireSameLayout(Parameters)}, naming {@code other} as {@code otherName} in the message. */
    public void requireSameLayout(Parameters other, String otherName) {
        Shapes.notNull(other, otherName, "parameters named " + names());
        if (!byName.keySet().equals(other.byName.keySet()))
            throw new IllegalArgumentException("parameters differ: " + otherName + " has " + other.names() + ", expected " + names());
        byName.forEach((n, m) -> Shapes.require(other.byName.get(n), n, m.numRows, m.numCols));
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("Parameters{");
        byName.forEach((n, m) -> sb.append(sb.length() > 11 ? ", " : "").append(n).append(' ').append(Shapes.of(m)));
        return sb.append('}').toString();
    }
}
