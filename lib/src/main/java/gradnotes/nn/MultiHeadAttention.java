package gradnotes.nn;

import gradnotes.linalg.MatMul;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Multi-head attention: h attentions side by side, each in its own learned subspace, concatenated
 * and mixed by an output matrix. Queries come from a sequence X ({@code d_model × n}, one column per
 * position); keys and values from a sequence Z ({@code d_src × m}), which is X itself for
 * self-attention and another sequence (say, the encoder's output) for cross-attention:
 * <pre>
 *   Q_i = W_q,i X          K_i = W_k,i Z          V_i = W_v,i Z          (head i = 1..h)
 *   head_i = Attention(Q_i, K_i, V_i) = V_i softmax(K_iᵀ Q_i / √d_k)     d_v × n
 *   H = [head_1; head_2; ...; head_h]                                     (stacked: h·d_v × n)
 *   Y = W_o H                                                             d_model × n
 * </pre>
 * Each head has its own attention matrix, so one head can follow, say, the previous word while
 * another follows the matching bracket. W_q,i and W_k,i are {@code d_k × d_model} and
 * {@code d_k × d_src}, W_v,i is {@code d_v × d_src}, and W_o is {@code d_out × h·d_v}. No biases.
 * One sequence at a time: columns are positions, not a batch.
 */
public final class MultiHeadAttention {
    /** W_q,i, W_k,i, W_v,i for head i at index i − 1. */
    public final List<DMatrixRMaj> Wq, Wk, Wv;
    public final DMatrixRMaj Wo;
    /** The attention every head uses (scaled; causal or not). */
    public final ScaledDotProductAttention attention;

    public MultiHeadAttention(List<DMatrixRMaj> Wq, List<DMatrixRMaj> Wk, List<DMatrixRMaj> Wv, DMatrixRMaj Wo,
                              ScaledDotProductAttention attention) {
        Shapes.nonEmpty(Wq, "Wq");
        int h = Wq.size();
        Shapes.notNull(Wq.get(0), "Wq_1", "a d_k × d_model matrix");
        if (Wk != null && !Wk.isEmpty()) Shapes.notNull(Wk.get(0), "Wk_1", "a d_k × d_src matrix");
        if (Wv != null && !Wv.isEmpty()) Shapes.notNull(Wv.get(0), "Wv_1", "a d_v × d_src matrix");
        if (Wk == null || Wv == null || Wk.size() != h || Wv.size() != h)
            throw new IllegalArgumentException("Wq has " + h + " heads but Wk has " + (Wk == null ? 0 : Wk.size())
                    + " and Wv " + (Wv == null ? 0 : Wv.size()) + ": every head needs one of each");
        int dk = Wq.get(0).numRows, dModel = Wq.get(0).numCols, dv = Wv.get(0).numRows, dSrc = Wk.get(0).numCols;
        for (int i = 1; i <= h; i++) {
            Shapes.require(Wq.get(i - 1), "Wq_" + i, dk, dModel);
            Shapes.require(Wk.get(i - 1), "Wk_" + i, dk, dSrc);
            Shapes.require(Wv.get(i - 1), "Wv_" + i, dv, dSrc);
            Shapes.finite(Wq.get(i - 1), "Wq_" + i);
            Shapes.finite(Wk.get(i - 1), "Wk_" + i);
            Shapes.finite(Wv.get(i - 1), "Wv_" + i);
        }
        if (Wo == null || Wo.numCols != h * dv)
            throw new IllegalArgumentException("Wo is " + (Wo == null ? "null" : Shapes.of(Wo)) + " but the " + h
                    + " heads of size " + dv + " stack to " + h * dv + " rows: Wo needs " + h * dv + " columns");
        if (Wo.numRows < 1 || dk < 1 || dv < 1 || dModel < 1 || dSrc < 1)
            throw new IllegalArgumentException("Wo is " + Shapes.of(Wo) + ", Wq_1 " + Shapes.of(Wq.get(0)) + ", Wk_1 " + Shapes.of(Wk.get(0))
                    + ", Wv_1 " + Shapes.of(Wv.get(0)) + ": every size (d_k, d_v, d_model, d_src, the output) must be at least 1");
        Shapes.notNull(attention, "attention", "the ScaledDotProductAttention every head uses");
        this.Wq = List.copyOf(Wq);
        this.Wk = List.copyOf(Wk);
        this.Wv = List.copyOf(Wv);
        this.Wo = Shapes.finite(Wo, "Wo");
        this.attention = attention;
    }

    /** Self-attention with d_k = d_v = d_model / h (the Transformer's choice), Xavier weights, no mask. */
    public static MultiHeadAttention init(int dModel, int heads, Random rng) {
        Shapes.notNull(rng, "rng", "a seeded java.util.Random");
        return init(dModel, dModel, heads, new ScaledDotProductAttention(), rng);
    }

    /**
     * Xavier weights for queries of size {@code dModel} and keys/values of size {@code dSource},
     * with d_k = d_v = dModel / heads and a {@code dModel × dModel} W_o.
     */
    public static MultiHeadAttention init(int dModel, int dSource, int heads, ScaledDotProductAttention attention, Random rng) {
        Shapes.positive(dModel, "dModel");
        Shapes.positive(dSource, "dSource");
        Shapes.positive(heads, "heads");
        Shapes.notNull(attention, "attention", "a ScaledDotProductAttention");
        Shapes.notNull(rng, "rng", "a seeded java.util.Random");
        if (dModel % heads != 0)
            throw new IllegalArgumentException("dModel = " + dModel + " does not split into " + heads + " equal heads");
        int dk = dModel / heads;
        List<DMatrixRMaj> Wq = new ArrayList<>(), Wk = new ArrayList<>(), Wv = new ArrayList<>();
        for (int i = 0; i < heads; i++) {
            Wq.add(Init.xavier(dk, dModel, rng));
            Wk.add(Init.xavier(dk, dSource, rng));
            Wv.add(Init.xavier(dk, dSource, rng));
        }
        return new MultiHeadAttention(Wq, Wk, Wv, Init.xavier(dModel, dModel, rng), attention);
    }

    public int heads() { return Wq.size(); }

    /** Size of a query column, d_model. */
    public int queryDim() { return Wq.get(0).numCols; }

    /** Size of a key/value source column, d_src. */
    public int sourceDim() { return Wk.get(0).numCols; }

    /** Size of an output column. */
    public int outputDim() { return Wo.numRows; }

    /** Wq_1, Wk_1, Wv_1, Wq_2, ..., Wv_h, Wo: by reference. */
    public Parameters parameters() {
        Parameters p = new Parameters();
        for (int i = 1; i <= heads(); i++)
            p.add("Wq_" + i, Wq.get(i - 1)).add("Wk_" + i, Wk.get(i - 1)).add("Wv_" + i, Wv.get(i - 1));
        return p.add("Wo", Wo);
    }

    /**
     * A forward pass.
     *
     * @param X     the query sequence, {@code d_model × n}
     * @param Z     the key/value sequence, {@code d_src × m}; the same object as X for self-attention
     * @param heads head i's attention (Q_i, K_i, V_i, scores, weights, output) at index i − 1
     * @param H     the heads' outputs stacked, {@code h·d_v × n}
     * @param Y     W_o H
     * @param madeBy the attention that computed it, at which version of its weights
     */
    public record Result(DMatrixRMaj X, DMatrixRMaj Z, List<ScaledDotProductAttention.Result> heads,
                         DMatrixRMaj H, DMatrixRMaj Y, Provenance madeBy) {
        public boolean selfAttention() { return X == Z; }

        /** Head i's pass, i = 1..h. */
        public ScaledDotProductAttention.Result head(int i) { return heads.get(Shapes.index(i, "head i", heads.size()) - 1); }

        /** Head i's attention matrix, key by query ({@code m × n}), i = 1..h. */
        public DMatrixRMaj weights(int i) { return head(i).weights(); }
    }

    /**
     * @param parameters ∂L/∂W for every weight, named as in {@link #parameters()}
     * @param dX         ∂L/∂X; for self-attention the total over the query, key and value paths
     * @param dZ         ∂L/∂Z through keys and values; for self-attention Z is X and this is dX
     */
    public record Gradients(Parameters parameters, DMatrixRMaj dX, DMatrixRMaj dZ) {}

    /** Self-attention: every position of X attends over every position of X. */
    public Result forward(DMatrixRMaj X) { return forward(X, X); }

    /** Cross-attention: the positions of X attend over the positions of Z. */
    public Result forward(DMatrixRMaj X, DMatrixRMaj Z) {
        Shapes.notNull(X, "X", "the query sequence, " + queryDim() + "×n");
        Shapes.notNull(Z, "Z", "the key/value sequence, " + sourceDim() + "×m");
        for (DMatrixRMaj seq : X == Z ? List.of(X) : List.of(X, Z))
            if (seq.numCols < 1) throw new IllegalArgumentException((seq == X ? "X" : "Z") + " is " + Shapes.of(seq)
                    + ": attention needs at least one position (column)");
        Shapes.requireFits(Wq.get(0), "Wq_1", X, "X");
        Shapes.requireFits(Wk.get(0), "Wk_1", Z, "Z");
        Shapes.finite(X, "X");
        Shapes.finite(Z, "Z");
        Parameters weights = parameters();
        weights.asMap().forEach((name, W) -> Shapes.finite(W, name));
        // every head's projection in one product: [Q_1; …; Q_h] = [W_q,1; …; W_q,h] X, and [K_1; …; K_h; V_1; …; V_h]
        // = [W_k,1; …; W_v,h] Z; for self-attention (Z = X) both are one product, [Q; K; V] = [W_q; W_k; W_v] X,
        // and KVs is Qs from row kvAt on
        int h = heads(), dk = Wq.get(0).numRows, dv = Wv.get(0).numRows, kvAt = X == Z ? h * dk : 0;
        DMatrixRMaj Qs = times(X == Z ? stacked(Wq, Wk, Wv) : stacked(Wq), X), KVs = X == Z ? Qs : times(stacked(Wk, Wv), Z);
        List<ScaledDotProductAttention.Result> heads = new ArrayList<>(h);
        DMatrixRMaj H = new DMatrixRMaj(h * dv, X.numCols);
        for (int i = 0; i < h; i++) {
            ScaledDotProductAttention.Result head = attention.forwardChecked(rows(Qs, i * dk, dk),
                    rows(KVs, kvAt + i * dk, dk), rows(KVs, kvAt + h * dk + i * dv, dv));
            heads.add(head);
            CommonOps_DDRM.insert(head.output(), H, i * dv, 0);
        }
        return new Result(X, Z, List.copyOf(heads), H, times(Wo, H), Provenance.of(this, weights));
    }

    /**
     * Backward, given ∂L/∂Y:
     * <pre>
     *   ∂L/∂W_o = ∂L/∂Y Hᵀ,   ∂L/∂H = W_oᵀ ∂L/∂Y, split into ∂L/∂head_i
     *   per head, attention backward gives ∂L/∂Q_i, ∂L/∂K_i, ∂L/∂V_i, and then
     *   ∂L/∂W_q,i = ∂L/∂Q_i Xᵀ,   ∂L/∂W_k,i = ∂L/∂K_i Zᵀ,   ∂L/∂W_v,i = ∂L/∂V_i Zᵀ
     *   ∂L/∂X = Σ_i W_q,iᵀ ∂L/∂Q_i,   ∂L/∂Z = Σ_i (W_k,iᵀ ∂L/∂K_i + W_v,iᵀ ∂L/∂V_i)
     * </pre>
     */
    public Gradients backward(Result r, DMatrixRMaj dY) {
        Shapes.notNull(r, "r", "the result of this attention's forward pass");
        Provenance.require(r.madeBy(), this, parameters(), "r");
        Shapes.require(dY, "dL/dY", r.Y().numRows, r.Y().numCols);
        Shapes.finite(dY, "dL/dY");
        Parameters grads = parameters().zerosLike();
        MatMul.multTransB(dY, r.H(), grads.get("Wo"));
        DMatrixRMaj dH = new DMatrixRMaj(r.H().numRows, r.H().numCols);
        MatMul.multTransA(Wo, dY, dH);
        int h = heads(), dk = Wq.get(0).numRows, dv = Wv.get(0).numRows, n = r.X().numCols, m = r.Z().numCols;
        boolean self = r.selfAttention();
        int kvAt = self ? h * dk : 0;
        // every head's ∂L/∂Q_i, ∂L/∂K_i, ∂L/∂V_i stacked like the projections (one matrix for self-attention),
        // so that the weight and input gradients of all heads are one product each
        DMatrixRMaj dQs = new DMatrixRMaj(h * dk + (self ? h * (dk + dv) : 0), n), dKVs = self ? dQs : new DMatrixRMaj(h * (dk + dv), m);
        DMatrixRMaj dA = new DMatrixRMaj(m, n);
        for (int i = 1; i <= h; i++) {
            ScaledDotProductAttention.Gradients g = attention.backwardChecked(r.head(i), rows(dH, (i - 1) * dv, dv), dA);
            CommonOps_DDRM.insert(g.dQ(), dQs, (i - 1) * dk, 0);
            CommonOps_DDRM.insert(g.dK(), dKVs, kvAt + (i - 1) * dk, 0);
            CommonOps_DDRM.insert(g.dV(), dKVs, kvAt + h * dk + (i - 1) * dv, 0);
        }
        DMatrixRMaj dWQ = new DMatrixRMaj(dQs.numRows, r.X().numRows);
        MatMul.multTransB(dQs, r.X(), dWQ);
        DMatrixRMaj dWKV = dWQ;
        if (!self) {
            dWKV = new DMatrixRMaj(dKVs.numRows, r.Z().numRows);
            MatMul.multTransB(dKVs, r.Z(), dWKV);
        }
        for (int i = 1; i <= h; i++) {
            CommonOps_DDRM.extract(dWQ, (i - 1) * dk, i * dk, 0, dWQ.numCols, grads.get("Wq_" + i), 0, 0);
            CommonOps_DDRM.extract(dWKV, kvAt + (i - 1) * dk, kvAt + i * dk, 0, dWKV.numCols, grads.get("Wk_" + i), 0, 0);
            CommonOps_DDRM.extract(dWKV, kvAt + h * dk + (i - 1) * dv, kvAt + h * dk + i * dv, 0, dWKV.numCols, grads.get("Wv_" + i), 0, 0);
        }
        DMatrixRMaj dX = new DMatrixRMaj(r.X().numRows, n);
        MatMul.multTransA(self ? stacked(Wq, Wk, Wv) : stacked(Wq), dQs, dX);
        if (self) return new Gradients(grads, dX, dX);
        DMatrixRMaj dZ = new DMatrixRMaj(r.Z().numRows, m);
        MatMul.multTransA(stacked(Wk, Wv), dKVs, dZ);
        return new Gradients(grads, dX, dZ);
    }

    /** The heads' matrices one above the other, list after list. */
    @SafeVarargs
    private static DMatrixRMaj stacked(List<DMatrixRMaj>... perHead) {
        return CommonOps_DDRM.concatRowsMulti(java.util.Arrays.stream(perHead).flatMap(List::stream).toArray(DMatrixRMaj[]::new));
    }

    /** Rows {@code from .. from + size − 1} of a stacked matrix (one head's). */
    private static DMatrixRMaj rows(DMatrixRMaj stacked, int from, int size) {
        return CommonOps_DDRM.extract(stacked, from, from + size, 0, stacked.numCols);
    }

    private static DMatrixRMaj times(DMatrixRMaj W, DMatrixRMaj X) {
        DMatrixRMaj out = new DMatrixRMaj(W.numRows, X.numCols);
        MatMul.mult(W, X, out);
        return out;
    }
}
