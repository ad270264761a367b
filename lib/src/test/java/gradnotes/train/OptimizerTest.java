package gradnotes.train;

import gradnotes.nn.Parameters;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptimizerTest {
    private static Parameters one(String name, double... v) { return new Parameters().add(name, new DMatrixRMaj(1, v.length, true, v)); }

    @Test
    void sgdStepsAgainstTheGradient() {
        Parameters p = one("w", 1.0, -2.0);
        new Sgd(0.1).step(p, one("w", 3.0, -4.0));
        assertEquals(0.7, p.get("w").get(0, 0), 1e-15);
        assertEquals(-1.6, p.get("w").get(0, 1), 1e-15);
    }

    @Test
    void momentumAccumulatesVelocity() {
        Parameters p = one("w", 0.0);
        Momentum m = new Momentum(0.1, 0.9);
        m.step(p, one("w", 1.0));            // v = 1,   w = -0.1
        m.step(p, one("w", 1.0));            // v = 1.9, w = -0.29
        assertEquals(-0.29, p.get("w").get(0, 0), 1e-15);
    }

    @Test
    void adamsFirstStepMovesEachCoordinateByTheLearningRate() {
        Parameters p = one("w", 1.0, 1.0, 1.0);
        new Adam(0.01).step(p, one("w", 1e-3, -50.0, 7.0));
        assertEquals(1.0 - 0.01, p.get("w").get(0, 0), 1e-7);
        assertEquals(1.0 + 0.01, p.get("w").get(0, 1), 1e-9);
        assertEquals(1.0 - 0.01, p.get("w").get(0, 2), 1e-9);
    }

    @Test
    void adamsSecondStepMatchesTheFormula() {
        Parameters p = one("w", 0.0);
        Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8);
        adam.step(p, one("w", 2.0));
        adam.step(p, one("w", 1.0));
        double m = 0.9 * 0.1 * 2.0 + 0.1 * 1.0, v = 0.999 * 0.001 * 4.0 + 0.001 * 1.0;
        double second = 0.1 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.999 * 0.999)) + 1e-8);
        assertEquals(-0.1 - second, p.get("w").get(0, 0), 1e-9);
    }

    @Test
    void clippingByNormKeepsTheDirection() {
        Parameters g = new Parameters().add("a", new DMatrixRMaj(1, 1, true, 3.0)).add("b", new DMatrixRMaj(1, 1, true, 4.0));
        assertEquals(5.0, Clipping.byNorm(g, 1.0), 1e-15);
        assertEquals(0.6, g.get("a").get(0, 0), 1e-15);
        assertEquals(0.8, g.get("b").get(0, 0), 1e-15);
        assertEquals(1.0, Clipping.byNorm(g, 2.0), 1e-15);   // below the limit: untouched
        assertEquals(0.6, g.get("a").get(0, 0), 1e-15);
    }

    @Test
    void clippingByValueCapsEachEntry() {
        Parameters g = one("w", -3.0, 0.5, 9.0);
        Clipping.byValue(g, 1.0);
        assertEquals(-1.0, g.get("w").get(0, 0));
        assertEquals(0.5, g.get("w").get(0, 1));
        assertEquals(1.0, g.get("w").get(0, 2));
    }

    @Test
    void badSettingsAreRefused() {
        assertEquals("learning rate must be a finite number above 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> new Sgd(-0.1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam(0.0));
        assertThrows(IllegalArgumentException.class, () -> new Momentum(0.1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> Clipping.byNorm(one("w", 1), 0));
    }
    @Test
    void adamAndMomentumRefuseAGradientOfAnotherShape() {
        for (Optimizer o : new Optimizer[] {new Adam(0.1), new Momentum(0.1, 0.9), new Sgd(0.1)}) {
            Parameters p = new Parameters().add("w", new DMatrixRMaj(1, 2, true, 1.0, 2.0));
            var transposed = assertThrows(IllegalArgumentException.class,
                    () -> o.step(p, new Parameters().add("w", new DMatrixRMaj(2, 1, true, 1.0, 1.0))), o.getClass().getSimpleName());
            assertEquals("w is 2×1, expected 1×2", transposed.getMessage());
            var smaller = assertThrows(IllegalArgumentException.class,
                    () -> o.step(p, new Parameters().add("w", new DMatrixRMaj(1, 1, true, 1.0))), o.getClass().getSimpleName());
            assertEquals("w is 1×1, expected 1×2", smaller.getMessage());
            assertEquals(1.0, p.get("w").get(0, 0));
            assertEquals(2.0, p.get("w").get(0, 1));
        }
    }
    @Test
    void anOptimizerRefusesParametersReshapedAfterItsFirstStep() {
        for (Optimizer o : new Optimizer[] {new Adam(0.1), new Momentum(0.1, 0.9)}) {
            DMatrixRMaj w = new DMatrixRMaj(2, 2, true, 1.0, 2.0, 3.0, 4.0);
            Parameters p = new Parameters().add("w", w);
            o.step(p, new Parameters().add("w", new DMatrixRMaj(2, 2, true, 1.0, 1.0, 1.0, 1.0)));
            w.reshape(1, 2);                     // the backing array keeps its four entries
            var e = assertThrows(IllegalArgumentException.class,
                    () -> o.step(p, new Parameters().add("w", new DMatrixRMaj(1, 2, true, 1.0, 1.0))), o.getClass().getSimpleName());
            assertEquals("w is 1×2, expected 2×2", e.getMessage());
        }
    }
}
