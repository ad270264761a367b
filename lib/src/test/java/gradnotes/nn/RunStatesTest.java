package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A run's {@code h(t)}, read straight from step t, is the state {@code hs()} lists, and refuses a t outside 1..T. */
class RunStatesTest {
    private static final int T = 5, BATCH = 2;

    private static List<DMatrixRMaj> inputs(int rows, Random rng) {
        List<DMatrixRMaj> xs = new ArrayList<>();
        for (int t = 0; t < T; t++) xs.add(Init.normal(rows, BATCH, 1.0, rng));
        return xs;
    }

    private static void sameStates(Recurrent.Run run) {
        List<DMatrixRMaj> hs = run.hs();
        assertEquals(T, hs.size());
        for (int t = 1; t <= T; t++) assertSame(hs.get(t - 1), run.h(t), "h(" + t + ")");
        for (int t : new int[] {0, T + 1}) {
            var e = assertThrows(IllegalArgumentException.class, () -> run.h(t));
            assertEquals("t = " + t + " is outside 1.." + T, e.getMessage());
        }
    }

    @Test
    void everyModelsRunReadsStepTsState() {
        Random rng = new Random(11);
        sameStates(Gru.init(3, 4, rng).forward(inputs(3, rng)));
        sameStates(Lstm.init(3, 4, 1.0, rng).forward(inputs(3, rng)));
        sameStates(VanillaRnn.init(3, 4, Activation.TANH, rng).forward(inputs(3, rng)));
    }

    /** h_t = tanh(W_x x_t + W_h h_{t-1} + b), recomputed here with EJML's own products. */
    @Test
    void aVanillaRunsStatesFollowTheRecurrence() {
        Random rng = new Random(12);
        VanillaRnn rnn = VanillaRnn.init(3, 4, Activation.TANH, rng);
        List<DMatrixRMaj> xs = inputs(3, rng);
        var run = rnn.forward(xs);
        DMatrixRMaj h = new DMatrixRMaj(4, BATCH);
        for (int t = 1; t <= T; t++) {
            DMatrixRMaj a = new DMatrixRMaj(4, BATCH), recurrent = new DMatrixRMaj(4, BATCH);
            CommonOps_DDRM.mult(rnn.Wx, xs.get(t - 1), a);
            CommonOps_DDRM.mult(rnn.Wh, h, recurrent);
            CommonOps_DDRM.addEquals(a, recurrent);
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < BATCH; j++) a.set(i, j, Math.tanh(a.get(i, j) + rnn.b.get(i, 0)));
            h = a;
            for (int k = 0; k < h.getNumElements(); k++)
                assertEquals(h.data[k], run.h(t).data[k], 1e-12, "h_" + t + " entry " + k);
        }
    }
}
