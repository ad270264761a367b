package gradnotes.badinput;

import gradnotes.badinput.Slot.Bad;
import gradnotes.nn.Activation;
import gradnotes.nn.Bidirectional;
import gradnotes.nn.EncoderDecoder;
import gradnotes.nn.Gru;
import gradnotes.nn.Init;
import gradnotes.nn.Linear;
import gradnotes.nn.Lstm;
import gradnotes.nn.Mlp;
import gradnotes.nn.MultiHeadAttention;
import gradnotes.nn.Parameters;
import gradnotes.nn.PositionalEncoding;
import gradnotes.nn.Recurrent;
import gradnotes.nn.RecurrentInit;
import gradnotes.nn.ScalarRnn;
import gradnotes.nn.ScaledDotProductAttention;
import gradnotes.nn.SequenceSearch;
import gradnotes.nn.Shapes;
import gradnotes.nn.Softmax;
import gradnotes.nn.SoftmaxCrossEntropy;
import gradnotes.nn.SquaredError;
import gradnotes.nn.VanillaRnn;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static gradnotes.badinput.Fixture.M;
import static gradnotes.badinput.Fixture.N;
import static gradnotes.badinput.Fixture.T;
import static gradnotes.badinput.Slots.batch;
import static gradnotes.badinput.Slots.bads;
import static gradnotes.badinput.Slots.custom;
import static gradnotes.badinput.Slots.finite;
import static gradnotes.badinput.Slots.given;
import static gradnotes.badinput.Slots.gradients;
import static gradnotes.badinput.Slots.index;
import static gradnotes.badinput.Slots.matrix;
import static gradnotes.badinput.Slots.positive;
import static gradnotes.badinput.Slots.sequence;
import static gradnotes.badinput.Slots.size;

/** Every public entry point of {@code gradnotes.nn} that takes an argument. */
final class NnDoors {
    private NnDoors() {}

    @SuppressWarnings("unchecked")
    static <X> X arg(Object[] a, int i) { return (X) a[i]; }

    /** Argument i as a sequence of matrices (where an overload needs the type spelled out). */
    static List<DMatrixRMaj> seq(Object[] a, int i) { return arg(a, i); }

    static final List<String> RECURRENT = List.of("VanillaRnn", "Gru", "Lstm", "Bidirectional");

    /** A run for {@code kind}'s model 0: bad ones are null, another model's, a stale one, another kind's, and one of another hidden size. */
    static Slot run(String name, String kind) {
        String otherKind = kind.equals("VanillaRnn") ? "Gru" : "VanillaRnn";
        return custom(name, f -> f.run(kind), f -> bads("null", null, "a run of another model of the same kind and shape",
                f.recurrent(kind, 1).forward(f.xs()), "a run made before an update", f.staleRun(kind),
                "a run of another kind of model", f.run(otherKind), "a run of a model of hidden size 5", f.wideRun()));
    }

    static List<Door> doors() {
        List<Door> d = new ArrayList<>();
        recurrent(d);
        constructors(d);
        feedForward(d);
        attention(d);
        encoderDecoder(d);
        scalarRnn(d);
        small(d);
        return d;
    }

    private static void recurrent(List<Door> d) {
        for (String kind : RECURRENT) {
            d.add(Door.of(kind + ".forward(xs)", (f, a) -> f.recurrent(kind, 0).forward(arg(a, 0)), sequence("xs", M, T, "x_")));
            d.add(Door.of(kind + ".backward(run, dLdh)", (f, a) -> f.recurrent(kind, 0).backward(arg(a, 0), arg(a, 1)),
                    run("run", kind), gradients("dLdh", N, T, "dL/dh_")));
            d.add(Door.of(kind + ".Run.h(t)", (f, a) -> f.run(kind).h((int) a[0]), index("t", 1, 1, T)));
            if (kind.equals("Bidirectional")) continue;
            d.add(Door.of(kind + ".forward(xs, previous)", (f, a) -> f.recurrent(kind, 0).forward(arg(a, 0), (Recurrent.Run) arg(a, 1)),
                    sequence("xs", M, T, "x_"), custom("previous", f -> f.run(kind), f -> bads("null", null, "a run of a model of hidden size 5", f.wideRun()))));
            d.add(Door.of(kind + ".backward(run, dLdh, later)", (f, a) -> f.recurrent(kind, 0).backward(arg(a, 0), arg(a, 1), arg(a, 2)),
                    run("run", kind), gradients("dLdh", N, T, "dL/dh_"),
                    custom("later", f -> f.recurrent(kind, 1).backward(f.recurrent(kind, 1).forward(f.xs()), f.dLdh()), f -> {
                        var wide = VanillaRnn.init(M, 5, Activation.TANH, new Random(3));
                        return bads("null", null, "gradients of a model of hidden size 5", wide.backward(wide.forward(f.xs()), f.sequence(5, T)));
                    })));
        }
        d.add(Door.of("VanillaRnn.forward(xs, h0)", (f, a) -> ((VanillaRnn) f.recurrent("VanillaRnn", 0)).forward(arg(a, 0), (DMatrixRMaj) arg(a, 1)),
                sequence("xs", M, T, "x_"), matrix("h0", N, 1)));
        d.add(Door.of("Gru.forward(xs, h0)", (f, a) -> ((Gru) f.recurrent("Gru", 0)).forward(arg(a, 0), (DMatrixRMaj) arg(a, 1)),
                sequence("xs", M, T, "x_"), matrix("h0", N, 1)));
        d.add(Door.of("Lstm.forward(xs, h0, c0)", (f, a) -> ((Lstm) f.recurrent("Lstm", 0)).forward(arg(a, 0), (DMatrixRMaj) arg(a, 1), arg(a, 2)),
                sequence("xs", M, T, "x_"), matrix("h0", N, 1), matrix("c0", N, 1)));
        d.add(Door.of("VanillaRnn.step(x, hPrev)", (f, a) -> ((VanillaRnn) f.recurrent("VanillaRnn", 0)).step(arg(a, 0), arg(a, 1)),
                matrix("x", M, 1), matrix("hPrev", N, 1).mentioning("h0")));
        d.add(Door.of("Gru.step(x, hPrev)", (f, a) -> ((Gru) f.recurrent("Gru", 0)).step(arg(a, 0), arg(a, 1)),
                matrix("x", M, 1), matrix("hPrev", N, 1).mentioning("h0")));
        d.add(Door.of("Lstm.step(x, hPrev, cPrev)", (f, a) -> ((Lstm) f.recurrent("Lstm", 0)).step(arg(a, 0), arg(a, 1), arg(a, 2)),
                matrix("x", M, 1), matrix("hPrev", N, 1).mentioning("h0"), matrix("cPrev", N, 1).mentioning("c0")));
        d.add(Door.of("VanillaRnn.stepJacobian(run, t)", (f, a) -> ((VanillaRnn) f.recurrent("VanillaRnn", 0)).stepJacobian(arg(a, 0), (int) a[1]),
                custom("run", f -> f.run("VanillaRnn"), f -> bads("null", null, "a run of another model", f.recurrent("VanillaRnn", 1).forward(f.xs()),
                        "a run made before an update", f.staleRun("VanillaRnn"))), index("t", 1, 1, T)));
        d.add(Door.of("VanillaRnn.Run.a(t)", (f, a) -> ((VanillaRnn.Run) f.run("VanillaRnn")).a((int) a[0]), index("t", 1, 1, T)));
        d.add(Door.of("Gru.Run.step(t)", (f, a) -> ((Gru.Run) f.run("Gru")).step((int) a[0]), index("t", 1, 1, T)));
        d.add(Door.of("Lstm.Run.step(t)", (f, a) -> ((Lstm.Run) f.run("Lstm")).step((int) a[0]), index("t", 1, 1, T)));
        d.add(Door.of("Lstm.Run.c(t)", (f, a) -> ((Lstm.Run) f.run("Lstm")).c((int) a[0]), index("t", 0, 0, T)));
        d.add(Door.of("Lstm.backwardWithCells(run, dLdh, dcT)",
                (f, a) -> ((Lstm) f.recurrent("Lstm", 0)).backwardWithCells(arg(a, 0), arg(a, 1), (DMatrixRMaj) arg(a, 2)),
                custom("run", f -> f.run("Lstm"), f -> bads("null", null, "a run of another model", f.recurrent("Lstm", 1).forward(f.xs()),
                        "a run made before an update", f.staleRun("Lstm"))),
                gradients("dLdh", N, T, "dL/dh_"),
                custom("dcT", f -> f.matrix(N, 1), f -> bads("one row too many", f.matrix(N + 1, 1), "NaN at an entry",
                        Slots.with(f.matrix(N, 1), Double.NaN, f)), "dL/dc_")));
        d.add(Door.of("Lstm.cellPathProduct(run, t)", (f, a) -> ((Lstm) f.recurrent("Lstm", 0)).cellPathProduct(arg(a, 0), (int) a[1]),
                given("run", f -> f.run("Lstm")), index("t", 1, 0, T)));
        d.add(Door.of("Bidirectional.forward(xs, previous)", (f, a) -> f.recurrent("Bidirectional", 0).forward(arg(a, 0), (Recurrent.Run) arg(a, 1)),
                sequence("xs", M, T, "x_").mentioning("previous"), given("previous", f -> f.run("Bidirectional"))).refusingAlways());
    }

    private static void constructors(List<Door> d) {
        d.add(Door.of("new VanillaRnn(Wx, Wh, b, f)", (f, a) -> new VanillaRnn(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3)),
                Slots.freeColumns("Wx", N, M), matrix("Wh", N, N), matrix("b", N, 1), given("f", f -> Activation.TANH)));
        String[] gru = {"Wz", "Uz", "bz", "Wr", "Ur", "br", "W", "U", "b"};
        d.add(Door.of("new Gru(Wz, Uz, bz, Wr, Ur, br, W, U, b)",
                (f, a) -> new Gru(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3), arg(a, 4), arg(a, 5), arg(a, 6), arg(a, 7), arg(a, 8)),
                gateSlots(gru)));
        String[] lstm = {"Wi", "Ui", "bi", "Wf", "Uf", "bf", "Wo", "Uo", "bo", "Wc", "Uc", "bc"};
        d.add(Door.of("new Lstm(Wi, Ui, bi, ..., Wc, Uc, bc)", (f, a) -> new Lstm(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3), arg(a, 4),
                arg(a, 5), arg(a, 6), arg(a, 7), arg(a, 8), arg(a, 9), arg(a, 10), arg(a, 11)), gateSlots(lstm)));
        d.add(Door.of("VanillaRnn.init(inputSize, hiddenSize, f, rng)", (f, a) -> VanillaRnn.init((int) a[0], (int) a[1], arg(a, 2), arg(a, 3)),
                size("inputSize", M).mentioning("rows", "cols"), size("hiddenSize", N).mentioning("rows", "cols"),
                given("f", f -> Activation.TANH), given("rng", f -> new Random(1))));
        d.add(Door.of("Gru.init(inputSize, hiddenSize, rng)", (f, a) -> Gru.init((int) a[0], (int) a[1], arg(a, 2)),
                size("inputSize", M).mentioning("rows", "cols"), size("hiddenSize", N).mentioning("rows", "cols"), given("rng", f -> new Random(1))));
        d.add(Door.of("Lstm.init(inputSize, hiddenSize, forgetBias, rng)", (f, a) -> Lstm.init((int) a[0], (int) a[1], (double) a[2], arg(a, 3)),
                size("inputSize", M).mentioning("rows", "cols"), size("hiddenSize", N).mentioning("rows", "cols"), finite("forgetBias", 1.0),
                given("rng", f -> new Random(1))));
        d.add(Door.of("new Bidirectional(forward, backward)", (f, a) -> new Bidirectional(arg(a, 0), arg(a, 1)),
                custom("forward", f -> f.recurrent("VanillaRnn", 0), f -> bads("null", null, "a model of another input size",
                        VanillaRnn.init(M + 1, N, Activation.TANH, new Random(1)))),
                custom("backward", f -> f.recurrent("Gru", 0), f -> bads("null", null, "a model of another input size",
                        Gru.init(M + 1, N, new Random(1))))));
        d.add(Door.of("new Linear(W, b)", (f, a) -> new Linear(arg(a, 0), arg(a, 1)), Slots.anyMatrix("W", N, M),
                custom("b", f -> f.matrix(N, 1), f -> bads("one row too many", f.matrix(N + 1, 1), "two columns", f.matrix(N, 2),
                        "NaN at an entry", Slots.with(f.matrix(N, 1), Double.NaN, f), "−∞ at an entry", Slots.with(f.matrix(N, 1), Double.NEGATIVE_INFINITY, f)))));
        d.add(Door.of("Linear.init(in, out, bias, rng)", (f, a) -> Linear.init((int) a[0], (int) a[1], true, arg(a, 2)),
                size("in", M).mentioning("rows", "cols"), size("out", N).mentioning("rows", "cols"), given("rng", f -> new Random(1))));
        d.add(Door.of("new Mlp(layers, activations)", (f, a) -> new Mlp(arg(a, 0), arg(a, 1)),
                custom("layers", f -> List.of(Linear.init(M, N, true, new Random(1)), Linear.init(N, 1, true, new Random(2))),
                        f -> bads("null", null, "empty", List.of(), "a null layer", Arrays.asList(Linear.init(M, N, true, new Random(1)), null),
                                "layers that do not fit", List.of(Linear.init(M, N, true, new Random(1)), Linear.init(N + 1, 1, true, new Random(2)))),
                        "layer"),
                custom("activations", f -> List.of(Activation.TANH, Activation.IDENTITY), f -> bads("null", null, "one too few", List.of(Activation.TANH),
                        "a null activation", Arrays.asList(Activation.TANH, null)), "activation", "layers but")));
        d.add(Door.of("Mlp.init(widths, hidden, output, bias, rng)", (f, a) -> Mlp.init(arg(a, 0), arg(a, 1), arg(a, 2), true, arg(a, 3)),
                custom("widths", f -> new int[] {M, N, 1}, f -> bads("null", null, "one width", new int[] {M}, "a width of 0", new int[] {M, 0, 1},
                        "a negative width", new int[] {M, N, -2}), "width"),
                given("hidden", f -> Activation.TANH), given("output", f -> Activation.IDENTITY), given("rng", f -> new Random(1))));
        d.add(Door.of("Mlp.fromSheetMatrices(f, inputsByOutputs...)", (f, a) -> Mlp.fromSheetMatrices(arg(a, 0), (DMatrixRMaj[]) arg(a, 1)),
                given("f", f -> Activation.SIGMOID),
                custom("inputsByOutputs", f -> new DMatrixRMaj[] {f.matrix(M, N), f.matrix(N, 1)}, f -> bads("null", null,
                        "a null matrix", new DMatrixRMaj[] {f.matrix(M, N), null}, "matrices that do not fit", new DMatrixRMaj[] {f.matrix(M, N), f.matrix(N + 1, 1)},
                        "NaN in a matrix", new DMatrixRMaj[] {f.matrix(M, N), Slots.with(f.matrix(N, 1), Double.NaN, f)}),
                        "layer", "W[", "matrix ")));
    }

    private static Slot[] gateSlots(String[] names) {
        Slot[] s = new Slot[names.length];
        for (int i = 0; i < names.length; i++) {
            String n = names[i];
            s[i] = i == 0 ? Slots.freeColumns(n, N, M) : n.startsWith("W") ? matrix(n, N, M) : n.startsWith("U") ? matrix(n, N, N) : matrix(n, N, 1);
        }
        return s;
    }

    private static void feedForward(List<Door> d) {
        d.add(Door.of("Linear.forward(x)", (f, a) -> f.linear().forward(arg(a, 0)), batch("x", M)));
        d.add(Door.of("Linear.backward(x, dy, grads)", (f, a) -> f.linear().backward(arg(a, 0), arg(a, 1), arg(a, 2)),
                matrix("x", M, 1), matrix("dy", N, 1).mentioning("dL/dy"),
                custom("grads", f -> f.linear().parameters().zerosLike(), f -> bads("null", null, "another layer's gradients",
                        Linear.init(N, M, true, new Random(1)).parameters().zerosLike(), "no b", new Parameters().add("W", new DMatrixRMaj(N, M))))));
        d.add(Door.of("Mlp.forward(x)", (f, a) -> f.mlp(0).forward(arg(a, 0)), batch("x", M)));
        d.add(Door.of("Mlp.backward(fw, dEdOutput)", (f, a) -> f.mlp(0).backward(arg(a, 0), (DMatrixRMaj) arg(a, 1)),
                custom("fw", f -> f.mlp(0).forward(f.matrix(M, 1)), f -> bads("null", null, "another network's pass", f.mlp(1).forward(f.matrix(M, 1)),
                        "a pass made before an update", stale(f.mlp(0), f.mlp(0).forward(f.matrix(M, 1))))),
                matrix("dEdOutput", 1, 1).mentioning("dE/d(output)")));
        d.add(Door.of("Mlp.backward(fw, loss, target)", (f, a) -> f.mlp(0).backward(arg(a, 0), (gradnotes.nn.Loss) arg(a, 1), arg(a, 2)),
                given("fw", f -> f.mlp(0).forward(f.matrix(M, 1))), given("loss", f -> new SquaredError()), matrix("target", 1, 1)));
        d.add(Door.of("Mlp.rounding(decimals)", (f, a) -> f.mlp(0).rounding((int) a[0]),
                custom("decimals", f -> 2, f -> bads("−1", -1, "Integer.MIN_VALUE", Integer.MIN_VALUE))));
        d.add(Door.of("Mlp.Forward.z(k)", (f, a) -> f.mlp(0).forward(f.matrix(M, 1)).z((int) a[0]), index("k", 1, 1, 2)));
        d.add(Door.of("Mlp.Forward.a(k)", (f, a) -> f.mlp(0).forward(f.matrix(M, 1)).a((int) a[0]), index("k", 0, 0, 2)));
        d.add(Door.of("Mlp.Backward.dEda(k)", (f, a) -> backward(f).dEda((int) a[0]), index("k", 1, 1, 2)));
        d.add(Door.of("Mlp.Backward.dEdz(k)", (f, a) -> backward(f).dEdz((int) a[0]), index("k", 1, 1, 2)));
        d.add(Door.of("Mlp.Backward.dEdW(k)", (f, a) -> backward(f).dEdW((int) a[0]), index("k", 1, 1, 2)));
    }

    private static Mlp.Backward backward(Fixture f) {
        return f.mlp(0).backward(f.mlp(0).forward(f.matrix(M, 1)), f.matrix(1, 1));
    }

    private static <X> X stale(Mlp mlp, X pass) {
        mlp.parameters().markUpdated();
        return pass;
    }

    private static void attention(List<Door> d) {
        var att = new ScaledDotProductAttention();
        d.add(Door.of("ScaledDotProductAttention.forward(Q, K, V)", (f, a) -> att.forward(arg(a, 0), arg(a, 1), arg(a, 2)),
                qkv("Q", 4, 2, true, false), qkv("K", 4, 3, true, true), qkv("V", 2, 3, false, true)));
        d.add(Door.of("ScaledDotProductAttention.causal().forward(Q, K, V)", (f, a) -> att.causal().forward(arg(a, 0), arg(a, 1), arg(a, 2)),
                qkv("Q", 4, 3, true, true), qkv("K", 4, 3, true, true), qkv("V", 2, 3, false, true)));
        d.add(Door.of("ScaledDotProductAttention.forwardLoop(Q, K, V)", (f, a) -> att.forwardLoop(arg(a, 0), arg(a, 1), arg(a, 2)),
                qkv("Q", 4, 2, true, false), qkv("K", 4, 3, true, true), qkv("V", 2, 3, false, true)));
        d.add(Door.of("ScaledDotProductAttention.attend(q, K, V)", (f, a) -> att.attend(arg(a, 0), arg(a, 1), arg(a, 2)),
                qkv("q", 4, 1, true, true), qkv("K", 4, 3, true, true), qkv("V", 2, 3, false, true)));
        d.add(Door.of("ScaledDotProductAttention.backward(r, dO)", (f, a) -> att.backward(arg(a, 0), arg(a, 1)),
                custom("r", f -> att.forward(f.matrix(4, 2), f.matrix(4, 3), f.matrix(2, 3)), f -> bads("null", null,
                        "an unscaled attention's result", att.unscaled().forward(f.matrix(4, 2), f.matrix(4, 3), f.matrix(2, 3)))),
                matrix("dO", 2, 2).mentioning("dL/dO")));
        d.add(Door.of("ScaledDotProductAttention.Result.alpha(i, j)", (f, a) -> att.forward(f.matrix(4, 2), f.matrix(4, 3), f.matrix(2, 3))
                .alpha((int) a[0], (int) a[1]), index("i", 1, 1, 3), index("j", 2, 1, 2)));
        d.add(Door.of("new MultiHeadAttention(Wq, Wk, Wv, Wo, attention)", (f, a) -> new MultiHeadAttention(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3), arg(a, 4)),
                heads("Wq", 2, 4), heads("Wk", 2, 4), heads("Wv", 2, 4), Slots.freeRows("Wo", 4, 4), given("attention", f -> att)));
        d.add(Door.of("MultiHeadAttention.init(dModel, dSource, heads, attention, rng)",
                (f, a) -> MultiHeadAttention.init((int) a[0], (int) a[1], (int) a[2], arg(a, 3), arg(a, 4)),
                size("dModel", 4), size("dSource", 4), custom("heads", f -> 2, f -> bads("0", 0, "−1", -1, "3, which does not divide dModel = 4", 3)),
                given("attention", f -> att), given("rng", f -> new Random(1))));
        d.add(Door.of("MultiHeadAttention.init(dModel, heads, rng)", (f, a) -> MultiHeadAttention.init((int) a[0], (int) a[1], arg(a, 2)),
                size("dModel", 4), custom("heads", f -> 2, f -> bads("0", 0, "3, which does not divide dModel = 4", 3)), given("rng", f -> new Random(1))));
        d.add(Door.of("MultiHeadAttention.Result.weights(i)", (f, a) -> f.mha(0).forward(f.matrix(4, 3)).weights((int) a[0]), index("i", 2, 1, 2)));
        d.add(Door.of("ScaledDotProductAttention.scale(d)", (f, a) -> att.scale((int) a[0]), size("d", 4)));
        d.add(Door.of("MultiHeadAttention.forward(X)", (f, a) -> f.mha(0).forward((DMatrixRMaj) arg(a, 0)), batch("X", 4)));
        d.add(Door.of("MultiHeadAttention.forward(X, Z)", (f, a) -> f.mha(0).forward(arg(a, 0), arg(a, 1)), batch("X", 4), batch("Z", 4)));
        d.add(Door.of("MultiHeadAttention.backward(r, dY)", (f, a) -> f.mha(0).backward(arg(a, 0), arg(a, 1)),
                custom("r", f -> f.mha(0).forward(f.matrix(4, 3)), f -> bads("null", null, "another attention's result", f.mha(1).forward(f.matrix(4, 3)),
                        "a result made before an update", stale(f.mha(0), f.mha(0).forward(f.matrix(4, 3))))),
                matrix("dY", 4, 3).mentioning("dL/dY")));
        d.add(Door.of("MultiHeadAttention.Result.head(i)", (f, a) -> f.mha(0).forward(f.matrix(4, 3)).head((int) a[0]), index("i", 1, 1, 2)));
    }

    private static <X> X stale(MultiHeadAttention mha, X pass) {
        mha.parameters().markUpdated();
        return pass;
    }

    /**
     * Q, K or V: rows × cols, where {@code rowsBound} and {@code colsBound} say whether the rows (the query and key
     * dimension) or the columns (keys and values pair up; a causal mask pairs queries with keys) must match the others.
     */
    private static Slot qkv(String name, int rows, int cols, boolean rowsBound, boolean colsBound) {
        return custom(name, f -> f.matrix(rows, cols), f -> {
            List<Bad> b = new ArrayList<>(bads("null", null, "no columns", new DMatrixRMaj(rows, 0),
                    "NaN at an entry", Slots.with(f.matrix(rows, cols), Double.NaN, f), "+∞ at an entry", Slots.with(f.matrix(rows, cols), Double.POSITIVE_INFINITY, f)));
            if (rowsBound) b.add(new Bad("one row too many", f.matrix(rows + 1, cols)));
            if (colsBound) b.add(new Bad("one column too many", f.matrix(rows, cols + 1)));
            return b;
        }, "queries", "keys", "values", "key", "causal mask", "single query");
    }

    /** Per-head matrices (d_k × d_model), {@code heads} of them. */
    private static Slot heads(String name, int heads, int dModel) {
        return custom(name, f -> List.of(f.matrix(dModel / heads, dModel), f.matrix(dModel / heads, dModel)), f -> bads("null", null,
                "empty", List.of(), "one head too few", List.of(f.matrix(dModel / heads, dModel)),
                "a null head", Arrays.asList(f.matrix(dModel / heads, dModel), null),
                "a head of another shape", List.of(f.matrix(dModel / heads, dModel), f.matrix(dModel / heads + 1, dModel)),
                "NaN in a head", List.of(f.matrix(dModel / heads, dModel), Slots.with(f.matrix(dModel / heads, dModel), Double.NaN, f))),
                name + "_", "Wo");
    }

    private static void encoderDecoder(List<Door> d) {
        d.add(Door.of("EncoderDecoder.withAttention(encoder, decoder, readout)", (f, a) -> EncoderDecoder.withAttention(arg(a, 0), arg(a, 1), arg(a, 2)),
                given("encoder", f -> VanillaRnn.init(M, N, Activation.TANH, new Random(1))),
                custom("decoder", f -> Gru.init(4, N, new Random(2)), f -> bads("null", null, "a decoder of another hidden size", Gru.init(4, N + 1, new Random(2)))),
                custom("readout", f -> Linear.init(2 * N, 4, true, new Random(3)), f -> bads("null", null, "a readout of the wrong width", Linear.init(N, 4, true, new Random(3))))));
        d.add(Door.of("EncoderDecoder.withoutAttention(encoder, decoder, readout)", (f, a) -> EncoderDecoder.withoutAttention(arg(a, 0), arg(a, 1), arg(a, 2)),
                given("encoder", f -> Lstm.init(M, N, 1.0, new Random(1))),
                custom("decoder", f -> Lstm.init(4, N, 1.0, new Random(2)), f -> bads("null", null, "a decoder of another hidden size", Lstm.init(4, N + 1, 1.0, new Random(2)))),
                custom("readout", f -> Linear.init(N, 4, true, new Random(3)), f -> bads("null", null, "a readout of the wrong width", Linear.init(2 * N, 4, true, new Random(3))))));
        d.add(Door.of("EncoderDecoder.greedyDecode(xs, startToken, length)", (f, a) -> f.encoderDecoder(0).greedyDecode(arg(a, 0), (int) a[1], (int) a[2]),
                sequence("xs", M, T, "x_"), token("startToken"), size("length", 3).mentioning("maxLength")));
        d.add(Door.of("EncoderDecoder.Result.s(t)", (f, a) -> f.encoderDecoder(0).forward(f.xs(), new int[] {1, 2}, 0).s((int) a[0]), index("t", 1, 1, 2)));
        d.add(Door.of("EncoderDecoder.forward(xs, decoderInputs)", (f, a) -> f.encoderDecoder(0).forward(arg(a, 0), seq(a, 1)),
                sequence("xs", M, T, "x_"), sequence("decoderInputs", 4, 2, "u_")));
        d.add(Door.of("EncoderDecoder.forward(xs, targets, startToken)", (f, a) -> f.encoderDecoder(0).forward(arg(a, 0), (int[]) arg(a, 1), (int) a[2]),
                sequence("xs", M, T, "x_"), tokens("targets"), token("startToken")));
        d.add(Door.of("EncoderDecoder.teacherInputs(targets, startToken)", (f, a) -> f.encoderDecoder(0).teacherInputs(arg(a, 0), (int) a[1]),
                tokens("targets"), token("startToken")));
        d.add(Door.of("EncoderDecoder.loss(r, targets)", (f, a) -> f.encoderDecoder(0).loss(arg(a, 0), arg(a, 1)),
                given("r", f -> f.encoderDecoder(0).forward(f.xs(), new int[] {1, 2}, 0)), tokens("targets")));
        d.add(Door.of("EncoderDecoder.backward(r, targets)", (f, a) -> f.encoderDecoder(0).backward(arg(a, 0), (int[]) arg(a, 1)),
                result("r"), tokens("targets")));
        d.add(Door.of("EncoderDecoder.backward(r, dLdz)", (f, a) -> f.encoderDecoder(0).backward(arg(a, 0), seq(a, 1)),
                result("r"), gradients("dLdz", 4, 2, "dL/dz_")));
        d.add(Door.of("EncoderDecoder.greedyDecode(xs, startToken, endToken, maxLength)",
                (f, a) -> f.encoderDecoder(0).greedyDecode(arg(a, 0), (int) a[1], (int) a[2], (int) a[3]),
                sequence("xs", M, T, "x_"), token("startToken"), custom("endToken", f -> 3, f -> bads("4 (not a token)", 4, "−2", -2)), size("maxLength", 3)));
        d.add(Door.of("EncoderDecoder.Result.logits(t)", (f, a) -> f.encoderDecoder(0).forward(f.xs(), new int[] {1, 2}, 0).logits((int) a[0]), index("t", 1, 1, 2)));
        d.add(Door.of("EncoderDecoder.Result.context(t)", (f, a) -> f.encoderDecoder(0).forward(f.xs(), new int[] {1, 2}, 0).context((int) a[0]), index("t", 1, 1, 2)));
        d.add(Door.of("EncoderDecoder.Result.h(i)", (f, a) -> f.encoderDecoder(0).forward(f.xs(), new int[] {1, 2}, 0).h((int) a[0]), index("i", 1, 1, T).mentioning("t")));
    }

    private static Slot result(String name) {
        return custom(name, f -> f.encoderDecoder(0).forward(f.xs(), new int[] {1, 2}, 0), f -> {
            var stale = f.encoderDecoder(0).forward(f.xs(), new int[] {1, 2}, 0);
            f.encoderDecoder(0).parameters().markUpdated();
            return bads("null", null, "another model's result", f.encoderDecoder(1).forward(f.xs(), new int[] {1, 2}, 0),
                    "a result made before an update", stale);
        });
    }

    /** Target tokens for a 2-step decoder over a vocabulary of 4. */
    private static Slot tokens(String name) {
        return custom(name, f -> new int[] {1, 2}, f -> bads("null", null, "empty", new int[0], "a token outside the vocabulary", new int[] {1, 4},
                "a negative token", new int[] {-1, 2}), "targets");
    }

    private static Slot token(String name) {
        return custom(name, f -> 0, f -> bads("4 (outside the vocabulary)", 4, "−1", -1, "Integer.MIN_VALUE", Integer.MIN_VALUE));
    }

    private static void scalarRnn(List<Door> d) {
        var rnn = new ScalarRnn(0.1, 1.0, 2.0);
        double[] x = {10, 10}, y = {5, 5};
        d.add(Door.of("new ScalarRnn(Wx, Wh, Wy, b, f)", (f, a) -> new ScalarRnn((double) a[0], (double) a[1], (double) a[2], (double) a[3], arg(a, 4)),
                finite("Wx", 0.1).mentioning("weights"), finite("Wh", 1.0).mentioning("weights"), finite("Wy", 2.0).mentioning("weights"),
                finite("b", 0.0).mentioning("weights"), given("f", f -> Activation.TANH)));
        d.add(Door.of("ScalarRnn.forward(h0, x, y)", (f, a) -> rnn.forward((double) a[0], arg(a, 1), arg(a, 2)), finite("h0", 1.0),
                numbers("x", x, "x_"), numbers("y", y, "y_")));
        Slot fw = custom("fw", f -> rnn.forward(1.0, x, y), f -> bads("null", null, "another network's pass", rnn.withWh(0.5).forward(1.0, x, y)));
        d.add(Door.of("ScalarRnn.backward(fw)", (f, a) -> rnn.backward(arg(a, 0)), fw));
        d.add(Door.of("ScalarRnn.stepJacobian(fw, t)", (f, a) -> rnn.stepJacobian(arg(a, 0), (int) a[1]), fw, index("t", 1, 1, 2)));
        d.add(Door.of("ScalarRnn.jacobianProduct(fw, t)", (f, a) -> rnn.jacobianProduct(arg(a, 0), (int) a[1]), fw, index("t", 0, 0, 2)));
        d.add(Door.of("ScalarRnn.lossFrom(fw, t, ht)", (f, a) -> rnn.lossFrom(arg(a, 0), (int) a[1], (double) a[2]), fw, index("t", 1, 0, 2), finite("ht", 0.5)));
        d.add(Door.of("ScalarRnn.Forward.h(t)", (f, a) -> rnn.forward(1.0, x, y).h((int) a[0]), index("t", 0, 0, 2)));
        d.add(Door.of("ScalarRnn.Forward.yHat(t)", (f, a) -> rnn.forward(1.0, x, y).yHat((int) a[0]), index("t", 1, 1, 2)));
        d.add(Door.of("ScalarRnn.Forward.loss(t)", (f, a) -> rnn.forward(1.0, x, y).loss((int) a[0]), index("t", 1, 1, 2)));
        d.add(Door.of("ScalarRnn.Gradients.dLdh(t)", (f, a) -> rnn.backward(rnn.forward(1.0, x, y)).dLdh((int) a[0]), index("t", 0, 0, 2)));
        d.add(Door.of("new ScalarRnn(Wx, Wh, Wy)", (f, a) -> new ScalarRnn((double) a[0], (double) a[1], (double) a[2]),
                finite("Wx", 0.1).mentioning("weights"), finite("Wh", 1.0).mentioning("weights"), finite("Wy", 2.0).mentioning("weights")));
        d.add(Door.of("ScalarRnn.withWx(w)", (f, a) -> rnn.withWx((double) a[0]), finite("w", 0.5).mentioning("weights")));
        d.add(Door.of("ScalarRnn.withWh(w)", (f, a) -> rnn.withWh((double) a[0]), finite("w", 0.5).mentioning("weights")));
        d.add(Door.of("ScalarRnn.withWy(w)", (f, a) -> rnn.withWy((double) a[0]), finite("w", 0.5).mentioning("weights")));
        d.add(Door.of("ScalarRnn.withB(v)", (f, a) -> rnn.withB((double) a[0]), finite("v", 0.5).mentioning("weights")));
    }

    private static Slot numbers(String name, double[] good, String element) {
        return custom(name, f -> good.clone(), f -> bads("null", null, "empty", new double[0], "NaN in a step", new double[] {good[0], Double.NaN},
                "−∞ in a step", new double[] {Double.NEGATIVE_INFINITY, good[1]}, "a step too many", new double[] {1, 2, 3}), element, "x has", "x is");
    }

    private static void small(List<Door> d) {
        d.add(Door.of("Init.uniform(rows, cols, scale, rng)", (f, a) -> Init.uniform((int) a[0], (int) a[1], (double) a[2], arg(a, 3)),
                size("rows", 2), size("cols", 3), finite("scale", 0.5), given("rng", f -> new Random(1))));
        d.add(Door.of("Init.normal(rows, cols, std, rng)", (f, a) -> Init.normal((int) a[0], (int) a[1], (double) a[2], arg(a, 3)),
                size("rows", 2), size("cols", 3), finite("std", 0.5), given("rng", f -> new Random(1))));
        d.add(Door.of("Init.xavier(rows, cols, rng)", (f, a) -> Init.xavier((int) a[0], (int) a[1], arg(a, 2)),
                size("rows", 2), size("cols", 3), given("rng", f -> new Random(1))));
        d.add(Door.of("Init.constant(rows, cols, value)", (f, a) -> Init.constant((int) a[0], (int) a[1], (double) a[2]),
                size("rows", 2), size("cols", 3), finite("value", 0.5)));
        d.add(Door.of("RecurrentInit.orthogonal(n, rng)", (f, a) -> RecurrentInit.orthogonal((int) a[0], arg(a, 1)), size("n", 3), given("rng", f -> new Random(1))));
        d.add(Door.of("RecurrentInit.withSpectralRadius(n, rho, rng)", (f, a) -> RecurrentInit.withSpectralRadius((int) a[0], (double) a[1], arg(a, 2)),
                size("n", 3), custom("rho", f -> 0.9, f -> bads("negative", -0.5, "NaN", Double.NaN, "+∞", Double.POSITIVE_INFINITY), "spectral radius"),
                given("rng", f -> new Random(1))));
        d.add(Door.of("PositionalEncoding.sinusoidal(d, length)", (f, a) -> PositionalEncoding.sinusoidal((int) a[0], (int) a[1]), size("d", 4), size("length", 5)));
        d.add(Door.of("PositionalEncoding.add(X)", (f, a) -> PositionalEncoding.add(arg(a, 0)), Slots.anyMatrix("X", 4, 5)));
        d.add(Door.of("PositionalEncoding.shift(k, d)", (f, a) -> PositionalEncoding.shift((int) a[0], (int) a[1]), Slots.fixed("k", 2),
                custom("d", f -> 4, f -> bads("0", 0, "−2", -2, "odd", 5))));
        d.add(Door.of("PositionalEncoding.omega(i, d)", (f, a) -> PositionalEncoding.omega((int) a[0], (int) a[1]),
                custom("i", f -> 1, f -> bads("−1", -1)), size("d", 4)));
        d.add(Door.of("Softmax.columns(z)", (f, a) -> Softmax.columns(arg(a, 0)),
                custom("z", f -> f.matrix(3, 2), f -> bads("null", null, "0×0", new DMatrixRMaj(0, 0), "NaN at an entry", Slots.with(f.matrix(3, 2), Double.NaN, f),
                        "+∞ at an entry", Slots.with(f.matrix(3, 2), Double.POSITIVE_INFINITY, f), "a column of −∞", allMinusInfinity(f.matrix(3, 2))))));
        d.add(Door.of("Softmax.backwardColumns(p, dLdp)", (f, a) -> Softmax.backwardColumns(arg(a, 0), arg(a, 1)),
                Slots.anyMatrix("p", 3, 2), matrix("dLdp", 3, 2).mentioning("dL/dp", "p is")));
        for (var loss : List.of(new SquaredError(), new SoftmaxCrossEntropy())) {
            String n = loss.getClass().getSimpleName();
            d.add(Door.of(n + ".value(prediction, target)", (f, a) -> loss.value(arg(a, 0), arg(a, 1)),
                    Slots.anyMatrix("prediction", 3, 2), matrix("target", 3, 2).mentioning("prediction is")));
            d.add(Door.of(n + ".gradient(prediction, target)", (f, a) -> loss.gradient(arg(a, 0), arg(a, 1)),
                    Slots.anyMatrix("prediction", 3, 2), matrix("target", 3, 2).mentioning("prediction is")));
        }
        d.add(Door.of("SoftmaxCrossEntropy.oneHot(k, classes)", (f, a) -> SoftmaxCrossEntropy.oneHot((int) a[0], (int) a[1]),
                custom("k", f -> 1, f -> bads("−1", -1, "= classes", 4)), size("classes", 4).mentioning("class")));
        d.add(Door.of("new SequenceSearch(next, length)", (f, a) -> new SequenceSearch(arg(a, 0), (int) a[1]),
                given("next", f -> uniform()), size("length", 2)));
        d.add(Door.of("SequenceSearch.greedy() of a model that fails", (f, a) -> new SequenceSearch(arg(a, 0), 2).greedy(), badModels("next")));
        d.add(Door.of("SequenceSearch.beam(width)", (f, a) -> new SequenceSearch(uniform(), 2).beam((int) a[0]), size("width", 2).mentioning("beam width")));
        d.add(Door.of("SequenceSearch.beam(width) of a model that fails", (f, a) -> new SequenceSearch(arg(a, 0), 2).beam(2), badModels("next")));
        d.add(Door.of("SequenceSearch.all() of a model that fails", (f, a) -> new SequenceSearch(arg(a, 0), 2).all(), badModels("next")));
        parameters(d);
        shapes(d);
        d.add(Door.of("Activation.apply(a, out)", (f, a) -> { Activation.TANH.apply((DMatrixRMaj) arg(a, 0), (DMatrixRMaj) arg(a, 1)); return null; },
                given("a", f -> f.matrix(2, 2)), given("out", f -> new DMatrixRMaj(2, 2))));
        d.add(Door.of("Activation.apply(a, from, y, to, n)", (f, a) -> {
                    Activation.SIGMOID.apply((double[]) arg(a, 0), (int) a[1], (double[]) arg(a, 2), (int) a[3], (int) a[4]);
                    return null;
                }, given("a", f -> new double[4]), custom("from", f -> 0, f -> bads("−1", -1, "past the end", 3)),
                given("y", f -> new double[4]), custom("to", f -> 1, f -> bads("−1", -1, "past the end", 3)),
                custom("n", f -> 2, f -> bads("−1", -1, "more than a holds", 5))));
    }

    private static DMatrixRMaj allMinusInfinity(DMatrixRMaj m) {
        for (int i = 0; i < m.numRows; i++) m.set(i, 1, Double.NEGATIVE_INFINITY);
        return m;
    }

    private static java.util.function.Function<List<Integer>, double[]> uniform() { return prefix -> new double[] {0.5, 0.5}; }

    /** Next-token models that give no distribution: null, a function that returns null, negative or NaN probabilities, ones not summing to 1, none. */
    private static Slot badModels(String name) {
        return custom(name, f -> uniform(), f -> bads("null", null, "a model that returns null", (java.util.function.Function<List<Integer>, double[]>) p -> null,
                "a negative probability", (java.util.function.Function<List<Integer>, double[]>) p -> new double[] {1.5, -0.5},
                "a NaN probability", (java.util.function.Function<List<Integer>, double[]>) p -> new double[] {Double.NaN, 1},
                "probabilities summing to 0.9", (java.util.function.Function<List<Integer>, double[]>) p -> new double[] {0.5, 0.4},
                "an empty vocabulary", (java.util.function.Function<List<Integer>, double[]>) p -> new double[0]), "the model");
    }

    /** The checks themselves: whatever they are given, they answer with an IllegalArgumentException or not at all. */
    private static void shapes(List<Door> d) {
        // require and requireFits check shapes only (finiteness is Shapes.finite's)
        d.add(Door.of("Shapes.require(m, name, rows, cols)", (f, a) -> { Shapes.require(arg(a, 0), "m", 2, 3); return null; },
                custom("m", f -> f.matrix(2, 3), f -> bads("null", null, "one row too many", f.matrix(3, 3), "no columns", new DMatrixRMaj(2, 0)))));
        d.add(Door.of("Shapes.requireFits(W, wName, x, xName)", (f, a) -> { Shapes.requireFits(arg(a, 0), "W", arg(a, 1), "x"); return null; },
                custom("W", f -> f.matrix(3, 2), f -> bads("null", null)),
                custom("x", f -> f.matrix(2, 1), f -> bads("null", null, "one row too many", f.matrix(3, 1), "no columns", new DMatrixRMaj(2, 0)))));
        d.add(Door.of("Shapes.finite(m, name)", (f, a) -> Shapes.finite((DMatrixRMaj) arg(a, 0), "m"), Slots.anyMatrix("m", 2, 3).withoutEmpty()));
        d.add(Door.of("Shapes.nonEmpty(seq, name)", (f, a) -> Shapes.nonEmpty(arg(a, 0), "seq"),
                custom("seq", f -> List.of(1), f -> bads("null", null, "empty", List.of()))));
        d.add(Door.of("Shapes.positive(n, name)", (f, a) -> Shapes.positive((int) a[0], "n"), size("n", 3)));
        d.add(Door.of("Shapes.positive(v, name)", (f, a) -> Shapes.positive((double) a[0], "v"), positive("v", 0.5)));
        d.add(Door.of("Shapes.finite(v, name)", (f, a) -> Shapes.finite((double) a[0], "v"), finite("v", 0.5)));
        d.add(Door.of("Shapes.index(i, name, last)", (f, a) -> Shapes.index((int) a[0], "i", 3), index("i", 2, 1, 3)));
        d.add(Door.of("Shapes.notNull(o, name, expected)", (f, a) -> Shapes.notNull(arg(a, 0), "o", "an object"), given("o", f -> "x")));
    }

    private static void parameters(List<Door> d) {
        d.add(Door.of("Parameters.add(name, m)", (f, a) -> new Parameters().add("W", new DMatrixRMaj(1, 1)).add(arg(a, 0), arg(a, 1)),
                custom("name", f -> "b", f -> bads("null", null, "a name already present", "W"), "parameter W"), given("m", f -> new DMatrixRMaj(1, 1)).mentioning("parameter")));
        d.add(Door.of("Parameters.addAll(prefix, other)", (f, a) -> new Parameters().addAll(arg(a, 0), arg(a, 1)),
                given("prefix", f -> "rnn."), given("other", f -> f.linear().parameters())));
        d.add(Door.of("Parameters.get(name)", (f, a) -> f.linear().parameters().get(arg(a, 0)),
                custom("name", f -> "W", f -> bads("null", null, "unknown", "Wq"), "parameter")));
        d.add(Door.of("Parameters.norm(name)", (f, a) -> f.linear().parameters().norm((String) arg(a, 0)),
                custom("name", f -> "W", f -> bads("null", null, "unknown", "Wq"), "parameter")));
        d.add(Door.of("Parameters.addScaled(alpha, other)", (f, a) -> { f.linear().parameters().addScaled((double) a[0], arg(a, 1)); return null; },
                finite("alpha", 0.5), custom("other", f -> f.linear().parameters().copy(), f -> bads("null", null,
                        "other names", new Parameters().add("V", new DMatrixRMaj(N, M)).add("b", new DMatrixRMaj(N, 1)),
                        "another shape", new Parameters().add("W", new DMatrixRMaj(M, N)).add("b", new DMatrixRMaj(N, 1))), "parameters", "W is")));
        d.add(Door.of("Parameters.requireSameLayout(other)", (f, a) -> { f.linear().parameters().requireSameLayout(arg(a, 0)); return null; },
                custom("other", f -> f.linear().parameters().zerosLike(), f -> bads("null", null,
                        "other names", new Parameters().add("V", new DMatrixRMaj(N, M)).add("b", new DMatrixRMaj(N, 1))), "parameters")));
    }
}
