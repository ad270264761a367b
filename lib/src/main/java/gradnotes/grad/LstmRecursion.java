package gradnotes.grad;

import gradnotes.nn.Lstm;
import gradnotes.nn.Shapes;
import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * dJ/dW_c of an {@link Lstm} (W_g of the CO3086 lab, problem 4) by the forward recursion of the
 * total derivatives, step by step in time, instead of backwards (BPTT). For one entry w of W_c:
 * <pre>
 *   dC̃_t/dw = (1 − C̃_t²) ∘ (∂(W_c x_t)/∂w + U_c dh_{t−1}/dw)
 *   df_t/dw  = f_t (1 − f_t) ∘ U_f dh_{t−1}/dw,   likewise di_t/dw, do_t/dw with U_i, U_o
 *   dC_t/dw  = f_t ∘ dC_{t−1}/dw + i_t ∘ dC̃_t/dw + C_{t−1} ∘ df_t/dw + C̃_t ∘ di_t/dw
 *   dh_t/dw  = o_t (1 − tanh² C_t) ∘ dC_t/dw + tanh C_t ∘ do_t/dw
 *   dJ/dw    = Σ_t ∂J/∂h_t · dh_t/dw,        dh_0/dw = dC_0/dw = 0
 * </pre>
 * ∂J/∂h_t is the local derivative of J at step t: how J changes with h_t when no later state moves
 * (for J = Σ_t J_t(h_t) it is ∂J_t/∂h_t). The last two terms of dC_t/dw are the ones that reach C_t
 * through the gates f_t and i_t; {@link #dJdWc(Lstm, Lstm.Run, List, Terms)} can leave them out, or
 * keep only the cell path, to show how much each part carries. One sequence (batch 1); the cost is
 * one pass per entry of W_c.
 */
public final class LstmRecursion {
    private LstmRecursion() {}

    /** Which terms of the recursion to keep. */
    public enum Terms {
        /** Every term: the exact derivative. */
        ALL,
        /** Without C_{t−1} ∘ df_t/dw and C̃_t ∘ di_t/dw, the terms through the forget and input gates. */
        WITHOUT_GATE_TERMS,
        /** Only dC_t/dw = f_t ∘ dC_{t−1}/dw + i_t ∘ (1 − C̃_t²) ∘ ∂(W_c x_t)/∂w: nothing passes through h_{t−1}. */
        CELL_PATH_ONLY
    }

    /** dJ/dW_c ({@code n × d}, the shape of W_c) by the full recursion above. */
    public static DMatrixRMaj dJdWc(Lstm lstm, Lstm.Run run, List<DMatrixRMaj> dJdh) {
        return dJdWc(lstm, run, dJdh, Terms.ALL);
    }

    /** dJ/dW_c by the recursion above, keeping only the given {@code terms}. */
    public static DMatrixRMaj dJdWc(Lstm lstm, Lstm.Run run, List<DMatrixRMaj> dJdh, Terms terms) {
        Shapes.notNull(lstm, "lstm", "an Lstm");
        Shapes.notNull(terms, "terms", "which terms to keep, one of " + java.util.Arrays.toString(Terms.values()));
        lstm.requireOwnRun(run);
        boolean throughGates = terms == Terms.ALL, throughState = terms != Terms.CELL_PATH_ONLY;
        int n = lstm.hiddenSize(), d = lstm.inputSize(), T = run.length();
        if (run.h0().numCols != 1) throw new IllegalArgumentException("the recursion runs one sequence; the run has batch " + run.h0().numCols);
        Shapes.notNull(dJdh, "dJdh", "one local gradient ∂J/∂h_t (or null) per step, " + T + " steps");
        if (dJdh.size() != T) throw new IllegalArgumentException("dJdh has " + dJdh.size() + " steps but the run has " + T);
        for (int t = 1; t <= T; t++) {
            if (dJdh.get(t - 1) == null) continue;
            Shapes.require(dJdh.get(t - 1), "dJ/dh_" + t, n, 1);
            Shapes.finite(dJdh.get(t - 1), "dJ/dh_" + t);
        }
        DMatrixRMaj grad = new DMatrixRMaj(n, d);
        for (int a = 0; a < n; a++)
            for (int b = 0; b < d; b++) {
                double[] dh = new double[n], dC = new double[n];
                double sum = 0;
                for (int t = 1; t <= T; t++) {
                    Lstm.Step s = run.step(t);
                    if (!throughState) java.util.Arrays.fill(dh, 0);
                    double[] ui = times(lstm.Ui, dh), uf = times(lstm.Uf, dh), uo = times(lstm.Uo, dh), uc = times(lstm.Uc, dh);
                    double[] dhNew = new double[n], dCNew = new double[n];
                    for (int k = 0; k < n; k++) {
                        double i = s.i().get(k, 0), f = s.f().get(k, 0), o = s.o().get(k, 0);
                        double cTilde = s.cTilde().get(k, 0), cPrev = s.cPrev().get(k, 0), tanhC = s.tanhC().get(k, 0);
                        double direct = k == a ? s.x().get(b, 0) : 0;
                        double dCTilde = (1 - cTilde * cTilde) * (direct + uc[k]);
                        double df = f * (1 - f) * uf[k], di = i * (1 - i) * ui[k], dO = o * (1 - o) * uo[k];
                        dCNew[k] = f * dC[k] + i * dCTilde + (throughGates ? cPrev * df + cTilde * di : 0);
                        dhNew[k] = o * (1 - tanhC * tanhC) * dCNew[k] + tanhC * dO;
                    }
                    dh = dhNew;
                    dC = dCNew;
                    DMatrixRMaj local = dJdh.get(t - 1);
                    if (local != null)
                        for (int k = 0; k < n; k++) sum += local.get(k, 0) * dh[k];
                }
                grad.set(a, b, sum);
            }
        return grad;
    }

    private static double[] times(DMatrixRMaj U, double[] v) {
        double[] out = new double[U.numRows];
        for (int r = 0; r < U.numRows; r++)
            for (int c = 0; c < U.numCols; c++) out[r] += U.get(r, c) * v[c];
        return out;
    }
}
