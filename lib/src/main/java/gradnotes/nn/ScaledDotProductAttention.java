package gradnotes.nn;

import gradnotes.linalg.MatMul;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Dot-product attention of queries over key–value pairs.
 *
 * <p>One query {@code q} (a {@code d × 1} column) against keys {@code k_1..k_m} and values
 * {@code v_1..v_m} (the columns of K and V):
 * <pre>
 *   s_i = q · k_i / √d          (scores; the division is switched off by {@link #unscaled()})
 *   α   = softmax(s)            (weights: non-negative, summing to 1 over the keys)
 *   o   = Σ_i α_i v_i           (output: a weighted average of the values)
 * </pre>
 * Many queries {@code q_1..q_n}, side by side as the columns of Q, do the same thing column by
 * column, which is three matrix products:
 * <pre>
 *   S = Kᵀ Q / √d               m × n; S[i, j] = k_i · q_j / √d
 *   A = softmax(S)              column-wise: column j is the distribution of query j over the keys
 *   O = V A                     d_v × n; column j = Σ_i A[i, j] v_i
 * </pre>
 * so that {@code Attention(Q, K, V) = V softmax(Kᵀ Q / √d)}. The row convention of most papers and of
 * PyTorch stacks queries, keys and values as rows instead; with {@code Q_row = Qᵀ} and so on its
 * {@code softmax(Q_row K_rowᵀ / √d) V_row} is exactly the transpose of ours: the same numbers, with
 * the attention matrix there being {@code Aᵀ} (rows = queries).
 *
 * <p>Why √d: if the entries of q and k are independent with mean 0 and variance 1, {@code q · k} has
 * variance d, so for large d the unscaled scores are large, softmax saturates towards one-hot and
 * its gradient vanishes. Dividing by √d brings the variance back to 1.
 *
 * <p>A causal mask (for self-attention over a sequence, Q and K holding the same n positions) lets
 * position j attend only to positions i ≤ j: the masked scores are set to −∞, so their weights are
 * exactly 0.
 *
 * <p>This class holds only those two switches; it has no weights. Instances are immutable:
 * {@code new ScaledDotProductAttention().causal()} is a new, masked instance.
 */
public final class ScaledDotProductAttention {
    /** Whether scores are divided by √d (true) or left as plain dot products. */
    public final boolean scaled;
    /** Whether query j may see only keys 1..j. */
    public final boolean causal;

    /** Scaled, without a mask: the Transformer's attention. */
    public ScaledDotProductAttention() { this(true, false); }

    public ScaledDotProductAttention(boolean scaled, boolean causal) {
        this.scaled = scaled;
        this.causal = causal;
    }

    /** The same attention with plain dot-product scores (the "what if s = 1" experiment). */
    public ScaledDotProductAttention unscaled() { return new ScaledDotProductAttention(false, causal); }

    /** The same attention with a causal mask. */
    public ScaledDotProductAttention causal() { return new ScaledDotProductAttention(scaled, true); }

    /** The divisor of the scores for queries and keys of dimension d: √d, or 1 when unscaled. */
    public double scale(int d) { return scaled ? Math.sqrt(Shapes.positive(d, "d")) : 1.0; }

    /**
     * Everything a forward pass computes, for one query ({@code n = 1}) or many.
     *
     * @param Q       the queries, {@code d × n}
     * @param K       the keys, {@code d × m}
     * @param V       the values, {@code d_v × m}
     * @param scores  S = Kᵀ Q / √d, {@code m × n}; −∞ where masked
     * @param weights A = softmax(S) column-wise, {@code m × n}: the attention matrix, key i (row) by
     *                query j (column); its transpose is the row-convention matrix (queries as rows)
     * @param output  O = V A, {@code d_v × n}
     * @param madeBy  the attention that computed it (its switches decide the backward pass)
     */
    public record Result(DMatrixRMaj Q, DMatrixRMaj K, DMatrixRMaj V,
                         DMatrixRMaj scores, DMatrixRMaj weights, DMatrixRMaj output, Provenance madeBy) {
        /** Number of queries n. */
        public int queries() { return Q.numCols; }

        /** Number of keys m. */
        public int keys() { return K.numCols; }

        /** α_{ij}, the weight query j (1-based) gives key i (1-based). */
        public double alpha(int i, int j) {
            return weights.get(Shapes.index(i, "i", keys()) - 1, Shapes.index(j, "j", queries()) - 1);
        }
    }

    /** ∂L/∂Q, ∂L/∂K and ∂L/∂V, each the shape of what it differentiates. */
    public record Gradients(DMatrixRMaj dQ, DMatrixRMaj dK, DMatrixRMaj dV) {}

    /**
     * One query against every key, written as the three equations for a single q: s_i = q · k_i / √d,
     * α = softmax(s), o = Σ_i α_i v_i. The causal switch does not apply (a lone query has no
     * position); to mask, pass only the keys and values it may see.
     *
     * @param q a {@code d × 1} query
     */
    public Result attend(DMatrixRMaj q, DMatrixRMaj K, DMatrixRMaj V) {
        requireShapes(q, K, V, "q");
        if (q.numCols != 1)
            throw new IllegalArgumentException("q is " + Shapes.of(q) + ": a single query is one column; use forward for many");
        int d = q.numRows, m = K.numCols;
        double s = scale(d);
        DMatrixRMaj scores = new DMatrixRMaj(m, 1);
        for (int i = 0; i < m; i++) {
            double dot = 0;
            for (int r = 0; r < d; r++) dot += q.unsafe_get(r, 0) * K.unsafe_get(r, i);
            scores.unsafe_set(i, 0, dot / s);
        }
        DMatrixRMaj alpha = Softmax.columns(scores);
        DMatrixRMaj o = new DMatrixRMaj(V.numRows, 1);
        for (int i = 0; i < m; i++)
            for (int r = 0; r < V.numRows; r++) o.unsafe_set(r, 0, o.unsafe_get(r, 0) + alpha.unsafe_get(i, 0) * V.unsafe_get(r, i));
        return new Result(q, K, V, scores, alpha, o, Provenance.of(this));
    }

    /** Many queries at once: S = Kᵀ Q / √d (masked to −∞ above the diagonal if causal), A = softmax(S), O = V A. */
    public Result forward(DMatrixRMaj Q, DMatrixRMaj K, DMatrixRMaj V) {
        requireShapes(Q, K, V, "Q");
        return forwardChecked(Q, K, V);
    }

    /**
     * {@link #forward} for callers whose Q, K and V have checked shapes and come from finite inputs
     * (multi-head attention, per head): scores that overflow are still caught by the softmax.
     */
    Result forwardChecked(DMatrixRMaj Q, DMatrixRMaj K, DMatrixRMaj V) {
        requireMaskFits(Q, K);
        DMatrixRMaj S = new DMatrixRMaj(K.numCols, Q.numCols);
        MatMul.multTransA(K, Q, S);
        // masking before the division by √d is the same: −∞ / √d is −∞
        if (causal)
            for (int i = 0; i < S.numRows; i++)
                for (int j = 0; j < i; j++) S.unsafe_set(i, j, Double.NEGATIVE_INFINITY);
        DMatrixRMaj A = Softmax.columns(S, scale(Q.numRows));
        DMatrixRMaj O = new DMatrixRMaj(V.numRows, Q.numCols);
        MatMul.mult(V, A, O);
        return new Result(Q, K, V, S, A, O, Provenance.of(this));
    }

    /**
     * The same as {@link #forward} computed one query at a time with {@link #attend}: column j of the
     * result is {@code attend(q_j, K, V)}, or with a causal mask {@code attend(q_j, [k_1..k_j], [v_1..v_j])}
     * padded with score −∞ and weight 0 for the keys it may not see.
     */
    public Result forwardLoop(DMatrixRMaj Q, DMatrixRMaj K, DMatrixRMaj V) {
        requireShapes(Q, K, V, "Q");
        requireMaskFits(Q, K);
        int n = Q.numCols, m = K.numCols;
        DMatrixRMaj S = new DMatrixRMaj(m, n), A = new DMatrixRMaj(m, n), O = new DMatrixRMaj(V.numRows, n);
        for (int j = 0; j < n; j++) {
            int visible = causal ? j + 1 : m;
            Result one = attend(CommonOps_DDRM.extract(Q, 0, Q.numRows, j, j + 1),
                    CommonOps_DDRM.extract(K, 0, K.numRows, 0, visible),
                    CommonOps_DDRM.extract(V, 0, V.numRows, 0, visible));
            for (int i = 0; i < m; i++) {
                S.unsafe_set(i, j, i < visible ? one.scores().unsafe_get(i, 0) : Double.NEGATIVE_INFINITY);
                A.unsafe_set(i, j, i < visible ? one.weights().unsafe_get(i, 0) : 0.0);
            }
            CommonOps_DDRM.insert(one.output(), O, 0, j);
        }
        return new Result(Q, K, V, S, A, O, Provenance.of(this));
    }

    /**
     * Backward through attention, given ∂L/∂O:
     * <pre>
     *   ∂L/∂V = ∂L/∂O Aᵀ
     *   ∂L/∂A = Vᵀ ∂L/∂O
     *   ∂L/∂S = softmax backward of ∂L/∂A, column by column (0 where masked, since A is 0 there)
     *   ∂L/∂Q = K ∂L/∂S / √d,   ∂L/∂K = Q (∂L/∂S)ᵀ / √d
     * </pre>
     */
    public Gradients backward(Result r, DMatrixRMaj dO) {
        Shapes.notNull(r, "r", "the result of this attention's forward pass");
        Provenance.require(r.madeBy(), this, null, "r");
        Shapes.require(dO, "dL/dO", r.output().numRows, r.output().numCols);
        Shapes.finite(dO, "dL/dO");
        return backwardChecked(r, dO, new DMatrixRMaj(r.weights().numRows, r.weights().numCols));
    }

    /**
     * {@link #backward} for callers that have checked r and the shape of a finite dO already (multi-head
     * attention, per head), with ∂L/∂A and then ∂L/∂S written into {@code dA}, the shape of A, which
     * the heads share.
     */
    Gradients backwardChecked(Result r, DMatrixRMaj dO, DMatrixRMaj dA) {
        DMatrixRMaj A = r.weights();
        DMatrixRMaj dV = new DMatrixRMaj(r.V().numRows, r.V().numCols);
        MatMul.multTransB(dO, A, dV);
        MatMul.multTransA(r.V(), dO, dA);
        DMatrixRMaj dS = dA;
        Softmax.backwardColumns(A, dA, dS);
        double s = scale(r.Q().numRows);
        DMatrixRMaj dQ = new DMatrixRMaj(r.Q().numRows, r.Q().numCols);
        MatMul.mult(r.K(), dS, dQ);
        CommonOps_DDRM.scale(1.0 / s, dQ);
        DMatrixRMaj dK = new DMatrixRMaj(r.K().numRows, r.K().numCols);
        MatMul.multTransB(r.Q(), dS, dK);
        CommonOps_DDRM.scale(1.0 / s, dK);
        return new Gradients(dQ, dK, dV);
    }

    /** Two attentions with the same switches compute the same thing: either may backpropagate the other's result. */
    @Override public boolean equals(Object o) {
        return o instanceof ScaledDotProductAttention a && a.scaled == scaled && a.causal == causal;
    }

    @Override public int hashCode() { return (scaled ? 1 : 0) + (causal ? 2 : 0); }

    @Override public String toString() {
        return "ScaledDotProductAttention[" + (scaled ? "scaled by √d" : "unscaled") + (causal ? ", causal" : "") + "]";
    }

    private static void requireShapes(DMatrixRMaj Q, DMatrixRMaj K, DMatrixRMaj V, String q) {
        Shapes.notNull(Q, q, q.equals("q") ? "a query, d × 1" : "the queries, d × n");
        Shapes.notNull(K, "K", "the keys, d × m");
        Shapes.notNull(V, "V", "the values, d_v × m");
        if (K.numRows != Q.numRows)
            throw new IllegalArgumentException("K has " + K.numRows + " rows, " + q + " has " + Q.numRows
                    + ": queries and keys need the same dimension");
        if (V.numCols != K.numCols)
            throw new IllegalArgumentException("V has " + V.numCols + " columns, K has " + K.numCols
                    + ": every key needs exactly one value");
        if (Q.numCols < 1 || K.numCols < 1 || Q.numRows < 1 || V.numRows < 1)
            throw new IllegalArgumentException(q + " is " + Shapes.of(Q) + ", K is " + Shapes.of(K) + ", V is " + Shapes.of(V)
                    + ": attention needs at least one query, one key and non-empty vectors");
        Shapes.finite(Q, q);
        Shapes.finite(K, "K");
        Shapes.finite(V, "V");
    }

    private void requireMaskFits(DMatrixRMaj Q, DMatrixRMaj K) {
        if (causal && Q.numCols != K.numCols)
            throw new IllegalArgumentException("a causal mask needs as many queries as keys (one per position), got "
                    + Q.numCols + " queries and " + K.numCols + " keys");
    }
}
