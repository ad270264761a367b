package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

import java.util.Random;

/**
 * Recurrent weight matrices with a chosen spectral radius ρ: ρ times a random orthogonal matrix.
 * Every eigenvalue of an orthogonal matrix has modulus 1 and it preserves lengths, so ρ Q stretches
 * every direction by exactly ρ. That makes ρ the one number that decides, in the linear regime, whether
 * ‖∂h_T/∂h_t‖ = ρ^{T−t} shrinks or grows.
 */
public final class RecurrentInit {
    private RecurrentInit() {}

    /** A uniformly random n × n orthogonal matrix (QR of a Gaussian matrix, signs fixed by R's diagonal). */
    public static DMatrixRMaj orthogonal(int n, Random rng) {
        Shapes.positive(n, "n");
        DMatrixRMaj A = Init.normal(n, n, 1.0, rng);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        if (!qr.decompose(A.copy())) throw new IllegalStateException("QR decomposition failed");
        DMatrixRMaj Q = qr.getQ(null, false), R = qr.getR(null, false);
        for (int j = 0; j < n; j++)
            if (R.get(j, j) < 0) for (int i = 0; i < n; i++) Q.set(i, j, -Q.get(i, j));
        return Q;
    }

    /** ρ Q for a random orthogonal Q: spectral radius and every singular value equal to ρ. */
    public static DMatrixRMaj withSpectralRadius(int n, double rho, Random rng) {
        if (!(rho >= 0) || Double.isInfinite(rho)) throw new IllegalArgumentException("spectral radius must be a finite number ≥ 0, got " + rho);
        DMatrixRMaj Q = orthogonal(n, rng);
        CommonOps_DDRM.scale(rho, Q);
        return Q;
    }
}
