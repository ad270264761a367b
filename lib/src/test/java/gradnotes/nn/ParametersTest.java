package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParametersTest {
    @Test
    void aReshapedMatrixIsJudgedByItsEntriesNotByItsBackingArray() {
        DMatrixRMaj m = new DMatrixRMaj(2, 2, true, 1.0, 2.0, 3.0, Double.NaN);
        m.reshape(1, 2);                        // keeps the array of four; the NaN is no longer an entry
        assertEquals(4, m.data.length);
        assertTrue(new Parameters().add("m", m).isFinite());
        m.set(0, 1, Double.POSITIVE_INFINITY);
        assertFalse(new Parameters().add("m", m).isFinite());
    }
}
