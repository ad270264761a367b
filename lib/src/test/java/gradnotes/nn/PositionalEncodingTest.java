package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PositionalEncodingTest {

    @ParameterizedTest(name = "d={0} L={1}")
    @CsvSource({"8, 10", "1, 3", "5, 7", "64, 50"})
    void valuesFollowTheFormula(int d, int L) {
        DMatrixRMaj PE = PositionalEncoding.sinusoidal(d, L);
        assertEquals(d, PE.numRows);
        assertEquals(L, PE.numCols);
        for (int pos = 0; pos < L; pos++)
            for (int i = 0; 2 * i < d; i++) {
                double angle = pos / Math.exp(Math.log(10000) * (2.0 * i) / d);
                assertEquals(Math.sin(angle), PE.get(2 * i, pos), 1e-12, "PE(" + pos + ", " + 2 * i + ")");
                if (2 * i + 1 < d) assertEquals(Math.cos(angle), PE.get(2 * i + 1, pos), 1e-12, "PE(" + pos + ", " + (2 * i + 1) + ")");
            }
    }

    @Test
    void knownEntries() {
        DMatrixRMaj PE = PositionalEncoding.sinusoidal(4, 3);
        for (int i = 0; i < 4; i++) assertEquals(i % 2 == 0 ? 0.0 : 1.0, PE.get(i, 0), 0.0, "position 0");
        assertEquals(Math.sin(1), PE.get(0, 1), 1e-15);
        assertEquals(Math.cos(2), PE.get(1, 2), 1e-15);
        assertEquals(Math.sin(0.02), PE.get(2, 2), 1e-15); // ω_1 = 10000^{-2/4} = 1/100
        assertEquals(Math.cos(0.01), PE.get(3, 1), 1e-15);
    }

    @Test
    void everyPairLiesOnTheUnitCircle() {
        DMatrixRMaj PE = PositionalEncoding.sinusoidal(10, 40);
        for (int pos = 0; pos < 40; pos++)
            for (int i = 0; i < 5; i++) {
                double s = PE.get(2 * i, pos), c = PE.get(2 * i + 1, pos);
                assertEquals(1.0, s * s + c * c, 1e-14);
            }
    }

    @ParameterizedTest(name = "k={0}")
    @CsvSource({"1", "3", "-2", "17"})
    void aShiftIsTheSameRotationAtEveryPosition(int k) {
        int d = 6;
        DMatrixRMaj PE = PositionalEncoding.sinusoidal(d, 60);
        DMatrixRMaj M = PositionalEncoding.shift(k, d);
        for (int pos = Math.max(0, -k); pos + k < 60; pos += 7) {
            DMatrixRMaj moved = new DMatrixRMaj(d, 1);
            CommonOps_DDRM.mult(M, CommonOps_DDRM.extract(PE, 0, d, pos, pos + 1), moved);
            for (int r = 0; r < d; r++) assertEquals(PE.get(r, pos + k), moved.get(r, 0), 1e-12, "row " + r + " pos " + pos);
        }
        // a rotation: M_k Mᵀ_k = I
        DMatrixRMaj MMt = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(M, M, MMt);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) assertEquals(i == j ? 1.0 : 0.0, MMt.get(i, j), 1e-14);
    }

    @Test
    void addPutsTheCodeOfColumnJOnPositionJ() {
        DMatrixRMaj X = Init.normal(4, 5, 1, new Random(3));
        DMatrixRMaj sum = PositionalEncoding.add(X);
        for (int pos = 0; pos < 5; pos++) {
            assertEquals(X.get(0, pos) + Math.sin(pos), sum.get(0, pos), 1e-15);
            assertEquals(X.get(3, pos) + Math.cos(pos / 100.0), sum.get(3, pos), 1e-15);
        }
    }

    @Test
    void badArguments() {
        var e = assertThrows(IllegalArgumentException.class, () -> PositionalEncoding.sinusoidal(0, 4));
        assertEquals("d must be at least 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PositionalEncoding.sinusoidal(4, 0));
        assertEquals("length must be at least 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PositionalEncoding.shift(2, 5));
        assertEquals("d = 5 is odd: the last sine has no cosine to rotate with", e.getMessage());
    }
}
