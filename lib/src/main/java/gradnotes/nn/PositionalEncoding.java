package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * The sinusoidal positional encoding of the Transformer. Attention by itself is blind to order
 * (shuffling the positions fed to self-attention only shuffles its outputs the same way), so each
 * position gets a fixed vector added to its input:
 * <pre>
 *   PE(pos, 2i)     = sin(pos · ω_i)
 *   PE(pos, 2i + 1) = cos(pos · ω_i)          ω_i = 1 / 10000^{2i/d},   i = 0, 1, ..., ⌈d/2⌉ − 1
 * </pre>
 * Positions count from 0 and rows from 0, as in the formula; the matrix is {@code d × L} with
 * column {@code pos} the code of position pos. Each (sin, cos) pair turns at its own frequency,
 * from ω_0 = 1 (period 2π) down to about 1/10000, so nearby positions differ in the fast rows and
 * distant ones also in the slow rows. Moving k positions on rotates every pair by the angle k ω_i,
 * whatever pos is ({@link #shift}): a relative offset is a fixed linear map. For odd d the last row
 * is a sine without its cosine.
 */
public final class PositionalEncoding {
    private PositionalEncoding() {}

    /** ω_i = 1 / 10000^{2i/d}, the angular frequency of rows 2i and 2i + 1. */
    public static double omega(int i, int d) {
        if (i < 0) throw new IllegalArgumentException("i must be 0 or more, got " + i);
        Shapes.positive(d, "d");
        return 1.0 / Math.pow(10000.0, 2.0 * i / d);
    }

    /** The {@code d × length} encoding of positions 0..length − 1 (column = position). */
    public static DMatrixRMaj sinusoidal(int d, int length) {
        Shapes.positive(d, "d");
        Shapes.positive(length, "length");
        DMatrixRMaj PE = new DMatrixRMaj(d, length);
        for (int pos = 0; pos < length; pos++)
            for (int row = 0; row < d; row++) {
                double angle = pos * omega(row / 2, d);
                PE.unsafe_set(row, pos, row % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
            }
        return PE;
    }

    /** X + PE: the encoding added to a {@code d × L} sequence whose column j is position j. */
    public static DMatrixRMaj add(DMatrixRMaj X) {
        Shapes.notNull(X, "X", "a d × L sequence");
        if (X.numRows < 1 || X.numCols < 1) throw new IllegalArgumentException("X is " + Shapes.of(X) + ": it needs at least one row and one position");
        Shapes.finite(X, "X");
        DMatrixRMaj out = sinusoidal(X.numRows, X.numCols);
        for (int i = 0; i < out.data.length; i++) out.data[i] += X.data[i];
        return out;
    }

    /**
     * The {@code d × d} matrix M_k with PE(pos + k) = M_k PE(pos) for every pos: block-diagonal, one
     * 2 × 2 block per frequency,
     * <pre>
     *   [ sin((pos+k)ω) ]   [  cos kω   sin kω ] [ sin(pos ω) ]
     *   [ cos((pos+k)ω) ] = [ −sin kω   cos kω ] [ cos(pos ω) ]
     * </pre>
     * (the angle-addition formulas). For odd d the lone last sine row has no partner, so it is not
     * linear in PE(pos) alone; this map needs d even.
     */
    public static DMatrixRMaj shift(int k, int d) {
        Shapes.positive(d, "d");
        if (d % 2 != 0) throw new IllegalArgumentException("d = " + d + " is odd: the last sine has no cosine to rotate with");
        DMatrixRMaj M = new DMatrixRMaj(d, d);
        for (int i = 0; i < d / 2; i++) {
            double c = Math.cos(k * omega(i, d)), s = Math.sin(k * omega(i, d));
            M.unsafe_set(2 * i, 2 * i, c);
            M.unsafe_set(2 * i, 2 * i + 1, s);
            M.unsafe_set(2 * i + 1, 2 * i, -s);
            M.unsafe_set(2 * i + 1, 2 * i + 1, c);
        }
        return M;
    }
}
