package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * Cross-entropy of softmax probabilities, taking logits: for each column,
 * L = −Σ_i t_i log softmax(z)_i, and ∂L/∂z = softmax(z) · Σ_i t_i − t (which is p − t for a
 * one-hot or probability target). Summed over the columns of a batch.
 */
public final class SoftmaxCrossEntropy implements Loss {
    @Override public double value(DMatrixRMaj z, DMatrixRMaj t) {
        Loss.requireSameShape(z, t);
        double s = 0;
        for (int j = 0; j < z.numCols; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < z.numRows; i++) max = Math.max(max, z.unsafe_get(i, j));
            double sum = 0;
            for (int i = 0; i < z.numRows; i++) sum += Math.exp(z.unsafe_get(i, j) - max);
            double logSum = max + Math.log(sum);
            for (int i = 0; i < z.numRows; i++) s -= t.unsafe_get(i, j) * (z.unsafe_get(i, j) - logSum);
        }
        return s;
    }

    @Override public DMatrixRMaj gradient(DMatrixRMaj z, DMatrixRMaj t) {
        Loss.requireSameShape(z, t);
        DMatrixRMaj p = Softmax.columns(z);
        for (int j = 0; j < z.numCols; j++) {
            double mass = 0;
            for (int i = 0; i < z.numRows; i++) mass += t.unsafe_get(i, j);
            for (int i = 0; i < z.numRows; i++) p.unsafe_set(i, j, p.unsafe_get(i, j) * mass - t.unsafe_get(i, j));
        }
        return p;
    }

    /** A one-hot column for class {@code k} of {@code classes}. */
    public static DMatrixRMaj oneHot(int k, int classes) {
        Shapes.positive(classes, "classes");
        if (k < 0 || k >= classes) throw new IllegalArgumentException("k = " + k + " is not a class: the classes are 0.." + (classes - 1));
        DMatrixRMaj t = new DMatrixRMaj(classes, 1);
        t.set(k, 0, 1.0);
        return t;
    }
}
