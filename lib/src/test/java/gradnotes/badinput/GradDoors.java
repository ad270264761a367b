package gradnotes.badinput;

import gradnotes.grad.GradientCheck;
import gradnotes.grad.GradientTrace;
import gradnotes.grad.Jacobians;
import gradnotes.grad.LstmRecursion;
import gradnotes.nn.Parameters;
import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;

import static gradnotes.badinput.Fixture.M;
import static gradnotes.badinput.Fixture.N;
import static gradnotes.badinput.Fixture.T;
import static gradnotes.badinput.NnDoors.arg;
import static gradnotes.badinput.NnDoors.run;
import static gradnotes.badinput.Slots.bads;
import static gradnotes.badinput.Slots.custom;
import static gradnotes.badinput.Slots.finite;
import static gradnotes.badinput.Slots.given;
import static gradnotes.badinput.Slots.gradients;
import static gradnotes.badinput.Slots.index;
import static gradnotes.badinput.Slots.positive;
import static gradnotes.badinput.Slots.sequence;
import static gradnotes.badinput.Slots.size;

/** Every public entry point of {@code gradnotes.grad}. */
final class GradDoors {
    private GradDoors() {}

    private static DoubleSupplier loss(Fixture f) {
        DMatrixRMaj W = f.linear().W;
        return () -> W.get(0, 0) * W.get(0, 0);
    }

    private static Slot analytic() {
        return custom("analytic", f -> f.linear().parameters().zerosLike(), f -> bads("null", null,
                "other names", new Parameters().add("V", new DMatrixRMaj(N, M)).add("b", new DMatrixRMaj(N, 1)),
                "another shape", new Parameters().add("W", new DMatrixRMaj(M, N)).add("b", new DMatrixRMaj(N, 1))), "parameters", "W is");
    }

    /** An LSTM's run; a run of another kind of model cannot even be passed where an Lstm.Run is expected. */
    private static Slot lstmRun() {
        return custom("run", f -> f.run("Lstm"), f -> bads("null", null,
                "a run of another model of the same kind and shape", f.recurrent("Lstm", 1).forward(f.xs()),
                "a run made before an update", f.staleRun("Lstm")), "run");
    }

    static List<Door> doors() {
        List<Door> d = new ArrayList<>();
        d.add(Door.of("GradientCheck.of(loss, wrt, analytic)", (f, a) -> GradientCheck.of(arg(a, 0), (Parameters) arg(a, 1), arg(a, 2)),
                given("loss", GradDoors::loss), given("wrt", f -> f.linear().parameters()), analytic()));
        d.add(Door.of("GradientCheck.of(loss, wrt, analytic, h)", (f, a) -> GradientCheck.of(arg(a, 0), (Parameters) arg(a, 1), arg(a, 2), (double) a[3]),
                given("loss", GradDoors::loss), given("wrt", f -> f.linear().parameters()), analytic(), positive("h", 1e-5)));
        d.add(Door.of("GradientCheck.numeric(loss, theta, h)", (f, a) -> GradientCheck.numeric(arg(a, 0), arg(a, 1), (double) a[2]),
                given("loss", GradDoors::loss), given("theta", f -> f.linear().W), positive("h", 1e-5)));
        d.add(Door.of("GradientCheck.derivative(f, x)", (f, a) -> GradientCheck.derivative(arg(a, 0), (double) a[1]),
                given("f", f -> (DoubleUnaryOperator) Math::sin), finite("x", 0.5)));
        d.add(Door.of("GradientCheck.ofScalar(name, f, x, analytic)", (f, a) -> GradientCheck.ofScalar(arg(a, 0), arg(a, 1), (double) a[2], (double) a[3]),
                given("name", f -> "d/dx sin"), given("f", f -> (DoubleUnaryOperator) Math::sin), finite("x", 0.5), Slots.fixed("analytic", Math.cos(0.5))));
        d.add(Door.of("GradientCheck.Report.entry(name)", (f, a) -> GradientCheck.ofScalar("d/dx sin", Math::sin, 0.5, Math.cos(0.5)).entry(arg(a, 0)),
                custom("name", f -> "d/dx sin", f -> bads("null", null, "unknown", "d/dx cos"), "parameter")));

        for (String kind : NnDoors.RECURRENT) {
            d.add(Door.of("GradientTrace.jacobianNorms(model, run, series) of a " + kind,
                    (f, a) -> GradientTrace.jacobianNorms(arg(a, 0), arg(a, 1), arg(a, 2)),
                    given("model", f -> f.recurrent(kind, 0)), run("run", kind), given("series", f -> kind)));
            d.add(Door.of("GradientTrace.stateGradientNorms(model, run, dLdh, series) of a " + kind,
                    (f, a) -> GradientTrace.stateGradientNorms(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3)),
                    given("model", f -> f.recurrent(kind, 0)), run("run", kind), gradients("dLdh", N, T, "dL/dh_"), given("series", f -> kind)));
            d.add(Door.of("Jacobians.stateByInput(model, xs, t, s) of a " + kind,
                    (f, a) -> Jacobians.stateByInput(arg(a, 0), arg(a, 1), (int) a[2], (int) a[3]),
                    given("model", f -> f.recurrent(kind, 0)), sequence("xs", M, T, "x_"), index("t", 2, 1, T), index("s", 1, 1, T)));
            d.add(Door.of("Jacobians.sensitivity(model, xs) of a " + kind, (f, a) -> Jacobians.sensitivity(arg(a, 0), arg(a, 1)),
                    given("model", f -> f.recurrent(kind, 0)), sequence("xs", M, T, "x_")));
        }
        d.add(Door.of("GradientTrace.cellJacobianNorms(model, run, series)",
                (f, a) -> GradientTrace.cellJacobianNorms(arg(a, 0), arg(a, 1), arg(a, 2)),
                given("model", f -> f.recurrent("Lstm", 0)), lstmRun(), given("series", f -> "Lstm")));
        d.add(Door.of("LstmRecursion.dJdWc(lstm, run, dJdh)", (f, a) -> LstmRecursion.dJdWc(arg(a, 0), arg(a, 1), arg(a, 2)),
                given("lstm", f -> f.recurrent("Lstm", 0)), lstmRun(), gradients("dJdh", N, T, "dJ/dh_")));
        d.add(Door.of("LstmRecursion.dJdWc(lstm, run, dJdh, terms)",
                (f, a) -> LstmRecursion.dJdWc(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3)),
                given("lstm", f -> f.recurrent("Lstm", 0)), lstmRun(), gradients("dJdh", N, T, "dJ/dh_"),
                custom("terms", f -> LstmRecursion.Terms.values()[0], f -> bads("null", null), "terms")));
        d.add(Door.of("GradientTrace.layerNorms(gradients, prefix, series)", (f, a) -> GradientTrace.layerNorms(arg(a, 0), arg(a, 1), arg(a, 2)),
                custom("gradients", f -> f.mlp(0).parameters(), f -> bads("null", null), "gradients"),
                custom("prefix", f -> "W", f -> bads("null", null, "a prefix no parameter has", "Q"), "starts with"), given("series", f -> "mlp")));
        d.add(Door.of("GradientTrace.parameterNorms(gradients, series)", (f, a) -> GradientTrace.parameterNorms(arg(a, 0), arg(a, 1)),
                custom("gradients", f -> f.mlp(0).parameters(), f -> bads("null", null, "empty", new Parameters()), "gradients"),
                given("series", f -> "mlp")));
        d.add(Door.of("GradientTrace.lossAtLastStep(T, dLdhT)", (f, a) -> GradientTrace.lossAtLastStep((int) a[0], arg(a, 1)),
                size("T", T), custom("dLdhT", f -> f.matrix(N, 1), f -> bads("null", null, "NaN at an entry", Slots.with(f.matrix(N, 1), Double.NaN, f)))));
        return d;
    }

}
