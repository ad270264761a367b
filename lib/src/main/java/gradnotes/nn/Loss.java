package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * A loss between a prediction and a target of the same shape ({@code outputs × B}), summed over
 * the batch, with its gradient with respect to the prediction.
 */
public interface Loss {
    double value(DMatrixRMaj prediction, DMatrixRMaj target);

    /** ∂L/∂prediction, same shape as the prediction. */
    DMatrixRMaj gradient(DMatrixRMaj prediction, DMatrixRMaj target);

    /** Requires prediction and target to be given, of the same shape, with at least one entry, all finite. */
    static void requireSameShape(DMatrixRMaj prediction, DMatrixRMaj target) {
        Shapes.notNull(prediction, "prediction", "a matrix of outputs × B");
        Shapes.notNull(target, "target", "a matrix the shape of the prediction");
        if (prediction.getNumElements() == 0) throw new IllegalArgumentException("prediction is " + Shapes.of(prediction) + ": it has no entries");
        if (prediction.numRows != target.numRows || prediction.numCols != target.numCols)
            throw new IllegalArgumentException("prediction is " + Shapes.of(prediction) + " but target is " + Shapes.of(target));
        Shapes.finite(prediction, "prediction");
        Shapes.finite(target, "target");
    }
}
