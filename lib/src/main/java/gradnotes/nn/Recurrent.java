package gradnotes.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * The general recurrence {@code h_t = f_W(h_{t-1}, x_t)}: one function with one set of
 * parameters W, applied at every time step. The vanilla RNN, the GRU and the LSTM differ only in
 * {@code f_W}.
 *
 * <p>Conventions shared by every implementation:
 * <ul>
 *   <li>an input {@code x_t} is a column vector ({@code inputSize × 1}) or a batch of them side by
 *       side ({@code inputSize × B}); the state {@code h_t} is {@code hiddenSize × B}, so code
 *       reads like the equations: {@code h_t = tanh(Wx x_t + Wh h_{t-1} + b)};</li>
 *   <li>{@link #forward} returns a {@link Run} holding every intermediate (gates, pre-activations,
 *       states) so that a notebook can show them and {@link #backward} can reuse them;</li>
 *   <li>{@link #backward} is full backpropagation through time over the run it is given. Truncated
 *       BPTT runs the sequence in chunks, each continuing from the previous run's final state
 *       ({@link #forward(List, Run)}) with no gradient crossing a chunk boundary.</li>
 * </ul>
 */
public interface Recurrent {

    int inputSize();

    int hiddenSize();

    /** The model's own weight matrices, by reference, in a fixed order. */
    Parameters parameters();

    /** Runs the recurrence over {@code xs} starting from the zero state. */
    Run forward(List<DMatrixRMaj> xs);

    /** Runs the recurrence over {@code xs} starting from the final state of {@code previous}. */
    Run forward(List<DMatrixRMaj> xs, Run previous);

    /**
     * Backpropagation through the whole of {@code run}.
     *
     * @param dLdh for each step t, the gradient of the loss reaching {@code h_t} directly from that
     *             step's output ({@code hiddenSize × B}); a {@code null} entry means no loss at that step
     */
    SequenceGradients backward(Run run, List<DMatrixRMaj> dLdh);

    /**
     * Backpropagation through {@code run} when its final state also started a later run, as an encoder's
     * final state starts the decoder ({@link #forward(List, Run)}): {@code later} is that run's gradients,
     * and what reached its initial state continues into this run's final state, h_T and, for the LSTM, c_T.
     */
    default SequenceGradients backward(Run run, List<DMatrixRMaj> dLdh, SequenceGradients later) {
        Shapes.notNull(later, "later", "the gradients of the run that continued from this one");
        return backward(run, Unroll.withFinalStateGradient(run, dLdh, later.dh0(), hiddenSize()));
    }

    /**
     * What a forward pass over a sequence leaves behind. The runs of the models here also record which
     * model made them at which version of its weights ({@link Provenance}): {@link #backward} refuses a run
     * of another model, or one made before the weights were updated.
     */
    interface Run {
        /** Number of time steps T. */
        int length();

        /** {@code h_t} for t = 1..T (index t - 1 in {@link #hs()}). */
        default DMatrixRMaj h(int t) { return hs().get(Shapes.index(t, "t", length()) - 1); }

        /** h_1 ... h_T. */
        List<DMatrixRMaj> hs();

        /** {@code h_0}, the state the run started from. */
        DMatrixRMaj h0();
    }

    /**
     * Gradients of a loss after backpropagation through time.
     *
     * @param parameters ∂L/∂W for every parameter, named as in {@link Recurrent#parameters()}
     * @param dxs        ∂L/∂x_t for t = 1..T
     * @param dhs        the total ∂L/∂h_t for t = 1..T: what reaches h_t from its own output and from
     *                   every later step; its norm over t is the picture of vanishing gradients
     * @param dh0        ∂L/∂h_0
     * @param dc0        ∂L/∂c_0 for a model with a cell state besides h (the LSTM); {@code null} otherwise
     */
    record SequenceGradients(Parameters parameters, List<DMatrixRMaj> dxs, List<DMatrixRMaj> dhs, DMatrixRMaj dh0,
                             DMatrixRMaj dc0) {
        /** Gradients of a model whose whole state is h. */
        public SequenceGradients(Parameters parameters, List<DMatrixRMaj> dxs, List<DMatrixRMaj> dhs, DMatrixRMaj dh0) {
            this(parameters, dxs, dhs, dh0, null);
        }
    }
}
