package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named matrices in a fixed order: a model's weights, or the gradients of a loss with respect to
 * them (same names, same shapes).
 *
 * <p>The matrices are held by reference: a model's {@code parameters()} returns its own weights,
 * so an optimizer or a gradient check that changes an entry changes the model. That is the point
 * of this class; copy with {@link #copy()} when a snapshot is wanted.
 */
public final class Parameters {
    private final Map<String, DMatrixRMaj> byName = new LinkedHashMap<>();

    /** Adds a matrix under {@code name}; names are unique. Returns this, for chaining. */
    public Parameters add(String name, DMatrixRMaj m) {
        if (m == null) throw new IllegalArgumentException("parameter " + name + " is null");
        if (byName.putIfAbsent(name, m) != null)
            throw new IllegalArgumentException("parameter " + name + " is already present");
        return this;
    }

    /** Adds every matrix of {@code other}, each name prefixed (e.g. "forward." for a bidirectional RNN). */
    public Parameters addAll(String prefix, Parameters other) {
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

    /** Sets every entry to zero, in place. */
    public void zero() { byName.values().forEach(m -> m.zero()); }

    /** this += alpha · other, entry by entry (names and shapes must match). */
    public void addScaled(double alpha, Parameters other) {
        requireSameLayout(other);
        byName.forEach((n, m) -> CommonOps_DDRM.addEquals(m, alpha, other.byName.get(n)));
    }

    /** Euclidean norm of one matrix. */
    public double norm(String name) { return NormOps_DDRM.normF(get(name)); }

    /** Euclidean norm of all entries together (what clipping by norm uses). */
    public double norm() {
        double s = 0;
        for (DMatrixRMaj m : byName.values()) {
            double f = NormOps_DDRM.normF(m);
            s += f * f;
        }
        return Math.sqrt(s);
    }

    /** Whether every entry is finite. */
    public boolean isFinite() {
        for (DMatrixRMaj m : byName.values())
            for (double v : m.data) if (!Double.isFinite(v)) return false;
        return true;
    }

    /** Requires the same names, in the same order, with the same shapes. */
    public void requireSameLayout(Parameters other) {
        if (!byName.keySet().equals(other.byName.keySet()))
            throw new IllegalArgumentException("parameters differ: " + names() + " vs " + other.names());
        byName.forEach((n, m) -> Shapes.require(other.byName.get(n), n, m.numRows, m.numCols));
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("Parameters{");
        byName.forEach((n, m) -> sb.append(sb.length() > 11 ? ", " : "").append(n).append(' ').append(Shapes.of(m)));
        return sb.append('}').toString();
    }
}
