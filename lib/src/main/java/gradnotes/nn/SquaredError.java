package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * E = Σ_j (y_j − t_j)², with ∂E/∂y_j = 2(y_j − t_j): a plain sum with no ½ in front, as in the
 * DL4NLP and IN5400 sheets.
 */
public final class SquaredError implements Loss {
    @Override public double value(DMatrixRMaj y, DMatrixRMaj t) {
        Loss.requireSameShape(y, t);
        double s = 0;
        for (int i = 0; i < y.getNumElements(); i++) {
            double e = y.data[i] - t.data[i];
            s += e * e;
        }
        return s;
    }

    @Override public DMatrixRMaj gradient(DMatrixRMaj y, DMatrixRMaj t) {
        Loss.requireSameShape(y, t);
        DMatrixRMaj g = new DMatrixRMaj(y.numRows, y.numCols);
        for (int i = 0; i < y.getNumElements(); i++) g.data[i] = 2 * (y.data[i] - t.data[i]);
        return g;
    }
}
