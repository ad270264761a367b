package gradnotes.badinput;

import gradnotes.nn.Linear;
import gradnotes.nn.Parameters;
import gradnotes.nn.SquaredError;
import gradnotes.train.Adam;
import gradnotes.train.Bptt;
import gradnotes.train.Clipping;
import gradnotes.train.Momentum;
import gradnotes.train.Optimizer;
import gradnotes.train.Sgd;
import gradnotes.train.Trainer;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import static gradnotes.badinput.Fixture.M;
import static gradnotes.badinput.Fixture.N;
import static gradnotes.badinput.Fixture.T;
import static gradnotes.badinput.NnDoors.arg;
import static gradnotes.badinput.Slots.bads;
import static gradnotes.badinput.Slots.custom;
import static gradnotes.badinput.Slots.given;
import static gradnotes.badinput.Slots.positive;
import static gradnotes.badinput.Slots.sequence;
import static gradnotes.badinput.Slots.size;

/** Every public entry point of {@code gradnotes.train}. */
final class TrainDoors {
    private TrainDoors() {}

    /** Gradients for the fixture's Linear layer: bad ones are null, of other names or shapes, or not finite. */
    private static Slot grads(String name) {
        return custom(name, f -> f.linear().parameters().copy(), f -> {
            Parameters nan = f.linear().parameters().copy();
            nan.get("W").set(1, 0, Double.NaN);
            Parameters inf = f.linear().parameters().copy();
            inf.get("b").set(0, 0, Double.NEGATIVE_INFINITY);
            return bads("null", null, "other names", new Parameters().add("V", new DMatrixRMaj(N, M)).add("b", new DMatrixRMaj(N, 1)),
                    "transposed", new Parameters().add("W", new DMatrixRMaj(M, N)).add("b", new DMatrixRMaj(N, 1)),
                    "smaller", new Parameters().add("W", new DMatrixRMaj(1, M)).add("b", new DMatrixRMaj(N, 1)),
                    "NaN at an entry", nan, "−∞ at an entry", inf);
        }, "parameters", "W is", "b is", "grads W", "grads b");
    }

    private static Bptt bptt(Fixture f) {
        return new Bptt(f.recurrent("VanillaRnn", 0), Linear.init(N, 2, true, new Random(4)), new SquaredError(), 2);
    }

    /** One target (2 × 1) per step; a null entry means no loss at that step, so it is not bad. */
    private static Slot targets() {
        return custom("targets", f -> f.sequence(2, T), f -> {
            List<DMatrixRMaj> wrong = f.sequence(2, T), nan = f.sequence(2, T);
            wrong.set(1, f.matrix(3, 1));
            nan.set(2, Slots.with(nan.get(2), Double.NaN, f));
            return bads("null", null, "a step too few", f.sequence(2, T - 1), "a step of the wrong shape", wrong, "NaN at an entry of a step", nan);
        }, "target_", "xs has");
    }

    static List<Door> doors() {
        List<Door> d = new ArrayList<>();
        d.add(Door.of("new Sgd(learningRate)", (f, a) -> new Sgd((double) a[0]), positive("learningRate", 0.1).mentioning("learning rate")));
        d.add(Door.of("new Momentum(learningRate, mu)", (f, a) -> new Momentum((double) a[0], (double) a[1]),
                positive("learningRate", 0.1).mentioning("learning rate"), custom("mu", f -> 0.9, f -> bads("1", 1.0, "negative", -0.1, "NaN", Double.NaN), "μ")));
        d.add(Door.of("new Adam(learningRate, beta1, beta2, epsilon)", (f, a) -> new Adam((double) a[0], (double) a[1], (double) a[2], (double) a[3]),
                positive("learningRate", 0.01).mentioning("learning rate"), custom("beta1", f -> 0.9, f -> bads("1", 1.0, "NaN", Double.NaN), "β₁"),
                custom("beta2", f -> 0.999, f -> bads("−0.1", -0.1, "+∞", Double.POSITIVE_INFINITY), "β₂"), positive("epsilon", 1e-8).mentioning("ε")));
        for (String name : List.of("Sgd", "Momentum", "Adam")) {
            d.add(Door.of(name + ".step(params, grads)", (f, a) -> { optimizer(name).step(arg(a, 0), arg(a, 1)); return null; },
                    given("params", f -> f.linear().parameters()), grads("grads")));
        }
        for (String name : List.of("Momentum", "Adam"))
            d.add(Door.of(name + ".step(params, grads) on other parameters than at its first step", (f, a) -> {
                        Optimizer o = optimizer(name);
                        o.step(f.linear().parameters(), f.linear().parameters().copy());
                        o.step(arg(a, 0), ((Parameters) arg(a, 0)).copy());
                        return null;
                    }, custom("params", f -> f.linear().parameters(), f -> bads("another model's parameters", f.mlp(0).parameters()))));
        d.add(Door.of("Clipping.byNorm(grads, maxNorm)", (f, a) -> Clipping.byNorm(arg(a, 0), (double) a[1]),
                custom("grads", f -> f.linear().parameters().copy(), f -> bads("null", null, "NaN at an entry", nanCopy(f))), positive("maxNorm", 1.0).mentioning("maximum norm")));
        d.add(Door.of("Clipping.byValue(grads, maxValue)", (f, a) -> { Clipping.byValue(arg(a, 0), (double) a[1]); return null; },
                custom("grads", f -> f.linear().parameters().copy(), f -> bads("null", null, "NaN at an entry", nanCopy(f))), positive("maxValue", 1.0).mentioning("maximum value")));

        d.add(Door.of("new Bptt(model, readout, loss, truncation)", (f, a) -> new Bptt(arg(a, 0), arg(a, 1), arg(a, 2), (int) a[3]),
                given("model", f -> f.recurrent("Gru", 0)),
                custom("readout", f -> Linear.init(N, 2, true, new Random(4)), f -> bads("null", null, "a readout of another width", Linear.init(N + 1, 2, true, new Random(4)))),
                given("loss", f -> new SquaredError()), size("truncation", 2).mentioning("truncation length k")));
        d.add(Door.of("Bptt.full(model, readout, loss)", (f, a) -> Bptt.full(arg(a, 0), arg(a, 1), arg(a, 2)),
                given("model", f -> f.recurrent("Lstm", 0)), given("readout", f -> Linear.init(N, 2, true, new Random(4))), given("loss", f -> new SquaredError())));
        d.add(Door.of("Bptt.chunkGradients(xs, targets, previous)", (f, a) -> bptt(f).chunkGradients(arg(a, 0), arg(a, 1), arg(a, 2)),
                sequence("xs", M, T, "x_"), targets(),
                custom("previous", f -> f.run("VanillaRnn"), f -> bads("a run of a model of hidden size 5", f.wideRun()))));
        d.add(Door.of("Bptt.train(xs, targets, optimizer, clipNorm)", (f, a) -> bptt(f).train(arg(a, 0), arg(a, 1), arg(a, 2), (double) a[3]),
                sequence("xs", M, T, "x_"), targets(), given("optimizer", f -> new Sgd(0.01)),
                custom("clipNorm", f -> 5.0, f -> bads("negative", -1.0, "NaN", Double.NaN, "+∞", Double.POSITIVE_INFINITY))));
        d.add(Door.of("Bptt.predict(xs)", (f, a) -> bptt(f).predict(arg(a, 0)), sequence("xs", M, T, "x_")));

        d.add(Door.of("new Trainer(parameters, optimizer)", (f, a) -> new Trainer(arg(a, 0), arg(a, 1)),
                given("parameters", f -> f.linear().parameters()), given("optimizer", f -> new Sgd(0.1))));
        d.add(Door.of("Trainer.clipNorm(maxNorm)", (f, a) -> trainer(f).clipNorm((double) a[0]), positive("maxNorm", 1.0).mentioning("maximum norm")));
        d.add(Door.of("Trainer.label(label)", (f, a) -> trainer(f).label(arg(a, 0)), given("label", f -> "sgd")));
        d.add(Door.of("Trainer.progress(out)", (f, a) -> trainer(f).progress(arg(a, 0)),
                given("out", f -> new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))));
        d.add(Door.of("Trainer.run(steps, evaluate)", (f, a) -> trainer(f).run((int) a[0], arg(a, 1)), size("steps", 2),
                custom("evaluate", f -> (IntFunction<Trainer.Evaluation>) k -> new Trainer.Evaluation(1.0, f.linear().parameters().copy()),
                        f -> bads("null", null, "a function that returns null", (IntFunction<Trainer.Evaluation>) k -> null,
                                "gradients of other names", (IntFunction<Trainer.Evaluation>) k -> new Trainer.Evaluation(1.0, f.mlp(0).parameters().copy()),
                                "a NaN loss", (IntFunction<Trainer.Evaluation>) k -> new Trainer.Evaluation(Double.NaN, f.linear().parameters().copy())),
                        "parameters", "diverged")));
        return d;
    }

    private static Parameters nanCopy(Fixture f) {
        Parameters p = f.linear().parameters().copy();
        p.get("W").set(0, 1, Double.NaN);
        return p;
    }

    private static Trainer trainer(Fixture f) { return new Trainer(f.linear().parameters(), new Sgd(0.1)); }

    private static Optimizer optimizer(String name) {
        return switch (name) {
            case "Sgd" -> new Sgd(0.1);
            case "Momentum" -> new Momentum(0.1, 0.9);
            default -> new Adam(0.01);
        };
    }

}
