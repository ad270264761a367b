package gradnotes.badinput;

import gradnotes.nn.Activation;
import gradnotes.nn.Mlp;
import gradnotes.plot.ComputationGraph;
import gradnotes.plot.Heatmap;
import gradnotes.plot.Sweep;
import gradnotes.plot.LineChart;
import gradnotes.nn.Bidirectional;
import gradnotes.nn.Gru;
import gradnotes.nn.Lstm;
import gradnotes.nn.Recurrent.SequenceGradients;
import gradnotes.plot.CellDiagram;
import gradnotes.plot.SeriesTable;
import org.ejml.data.DMatrixRMaj;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;

import static gradnotes.badinput.NnDoors.arg;
import static gradnotes.badinput.Slots.bads;
import static gradnotes.badinput.Slots.custom;
import static gradnotes.badinput.Slots.finite;
import static gradnotes.badinput.Slots.given;
import static gradnotes.badinput.Slots.positive;

/** Every public entry point of {@code gradnotes.plot}. */
final class PlotDoors {
    private PlotDoors() {}

    private static Table table() { return new SeriesTable("t", "norm").add("a", 1, 2.0).add("b", 2, 3.0).table(); }

    private static Slot text(String name) { return given(name, f -> "a title"); }

    private static Slot sizes(String name) {
        return custom(name, f -> 400, f -> bads("0", 0, "negative", -10), "size");
    }

    /** A 2-3-3-2 network: deep enough for a step unfolded over layers 1 to 3. */
    private static Mlp deep() { return DEEP; }

    private static final Mlp DEEP = Mlp.init(new int[] {2, 3, 3, 2}, Activation.SIGMOID, Activation.SIGMOID, false, new java.util.Random(3));

    private static Bidirectional bidirectional(Fixture f) {
        return (Bidirectional) f.recurrent("Bidirectional", 0);
    }

    private static Lstm.Gradients lstmGrads(Fixture f, int steps) {
        var lstm = (Lstm) f.recurrent("Lstm", 0);
        return lstm.backwardWithCells(steps == Fixture.T ? (Lstm.Run) f.run("Lstm") : lstm.forward(f.xs().subList(0, steps)), f.sequence(Fixture.N, steps));
    }

    private static SequenceGradients gruGrads(Fixture f, int steps) {
        var gru = (Gru) f.recurrent("Gru", 0);
        return gru.backward(steps == Fixture.T ? f.run("Gru") : gru.forward(f.xs().subList(0, steps)), f.sequence(Fixture.N, steps));
    }

    static List<Door> doors() {
        List<Door> d = new ArrayList<>();
        d.add(Door.of("Heatmap.of(m)", (f, a) -> Heatmap.of(arg(a, 0)).build(), Slots.anyMatrix("m", 3, 2).mentioning("heatmap")));
        d.add(Door.of("Heatmap.rowLabels(labels...)", (f, a) -> Heatmap.of(f.matrix(3, 2)).rowLabels((Object[]) arg(a, 0)),
                custom("labels", f -> new Object[] {"a", "b", "c"}, f -> bads("null", null, "one too few", new Object[] {"a", "b"},
                        "a null label", new Object[] {"a", null, "c"}), "row labels", "row label")));
        d.add(Door.of("Heatmap.columnLabels(labels...)", (f, a) -> Heatmap.of(f.matrix(3, 2)).columnLabels((Object[]) arg(a, 0)),
                custom("labels", f -> new Object[] {"x", "y"}, f -> bads("null", null, "one too many", new Object[] {"x", "y", "z"},
                        "a null label", new Object[] {null, "y"}), "column labels", "column label")));
        d.add(Door.of("Heatmap.title(t)", (f, a) -> Heatmap.of(f.matrix(3, 2)).title(arg(a, 0)), text("title")));
        d.add(Door.of("Heatmap.xTitle(t)", (f, a) -> Heatmap.of(f.matrix(3, 2)).xTitle(arg(a, 0)), text("xTitle")));
        d.add(Door.of("Heatmap.yTitle(t)", (f, a) -> Heatmap.of(f.matrix(3, 2)).yTitle(arg(a, 0)), text("yTitle")));
        d.add(Door.of("Heatmap.size(width, height)", (f, a) -> Heatmap.of(f.matrix(3, 2)).size((int) a[0], (int) a[1]), sizes("width"), sizes("height")));

        d.add(Door.of("LineChart.of(table, x, y)", (f, a) -> LineChart.of(arg(a, 0), arg(a, 1), arg(a, 2)).build(),
                given("table", f -> table()),
                custom("x", f -> "t", f -> bads("null", null, "a column the table lacks", "step", "a column of text", "series"), "column"),
                custom("y", f -> "norm", f -> bads("null", null, "a column the table lacks", "loss"), "column")));
        d.add(Door.of("LineChart.by(seriesColumn)", (f, a) -> LineChart.of(table(), "t", "norm").by(arg(a, 0)).build(),
                custom("seriesColumn", f -> "series", f -> bads("null", null, "a column the table lacks", "run"), "column")));
        d.add(Door.of("LineChart.title(t)", (f, a) -> LineChart.of(table(), "t", "norm").title(arg(a, 0)), text("title")));
        d.add(Door.of("LineChart.xTitle(t)", (f, a) -> LineChart.of(table(), "t", "norm").xTitle(arg(a, 0)), text("xTitle")));
        d.add(Door.of("LineChart.yTitle(t)", (f, a) -> LineChart.of(table(), "t", "norm").yTitle(arg(a, 0)), text("yTitle")));
        d.add(Door.of("LineChart.size(width, height)", (f, a) -> LineChart.of(table(), "t", "norm").size((int) a[0], (int) a[1]), sizes("width"), sizes("height")));

        Mlp net = Mlp.fromSheetMatrices(Activation.SIGMOID, new DMatrixRMaj(2, 1, true, 0.5, -1.25));
        Slot names = custom("names", f -> List.of(List.of("x1", "x2"), List.of("y")), f -> bads("null", null, "a layer too few", List.of(List.of("x1", "x2")),
                "a null layer", Arrays.asList(List.of("x1", "x2"), null), "a name too few", List.of(List.of("x1"), List.of("y")),
                "a null name", List.of(Arrays.asList("x1", null), List.of("y"))), "layer");
        d.add(Door.of("ComputationGraph.weights(title, mlp, x, names)", (f, a) -> ComputationGraph.weights(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3)).svg(),
                text("title"), given("mlp", f -> net), Slots.matrix("x", 2, 1), names));
        d.add(Door.of("ComputationGraph.of(title, mlp, fw, bw, names)", (f, a) -> ComputationGraph.of(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3), arg(a, 4)).svg(),
                text("title"), given("mlp", f -> net),
                custom("fw", f -> net.forward(new DMatrixRMaj(2, 1, true, 0, 1)), f -> bads("null", null,
                        "another network's pass", Mlp.fromSheetMatrices(Activation.SIGMOID, new DMatrixRMaj(2, 1)).forward(new DMatrixRMaj(2, 1)))),
                custom("bw", f -> net.backward(net.forward(new DMatrixRMaj(2, 1, true, 0, 1)), new DMatrixRMaj(1, 1, true, 1.0)),
                        f -> bads("null", null, "of a deeper network", deep().backward(deep().forward(new DMatrixRMaj(2, 1)), new DMatrixRMaj(2, 1)))),
                names));
        d.add(Door.of("ComputationGraph.unfolded(title, mlp, fw, bw, k, r)",
                (f, a) -> ComputationGraph.unfolded(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3), (int) a[4], (int) a[5]).svg(),
                text("title"), given("mlp", f -> deep()),
                custom("fw", f -> deep().forward(new DMatrixRMaj(2, 1, true, 0, 1)), f -> bads("null", null, "another network's pass", net.forward(new DMatrixRMaj(2, 1)))),
                custom("bw", f -> deep().backward(deep().forward(new DMatrixRMaj(2, 1, true, 0, 1)), new DMatrixRMaj(2, 1, true, 1, 1)),
                        f -> bads("null", null, "of a smaller network", net.backward(net.forward(new DMatrixRMaj(2, 1)), new DMatrixRMaj(1, 1)))),
                Slots.index("k", 2, 2, 2), Slots.index("r", 1, 1, 3)));
        d.add(Door.of("ComputationGraph.unrolled(title, model, run, grads, inputs)",
                (f, a) -> ComputationGraph.unrolled(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3), arg(a, 4)).svg(),
                text("title"), given("model", PlotDoors::bidirectional),
                custom("run", f -> bidirectional(f).forward(f.xs()), f -> bads("null", null, "a run of another model",
                        ((Bidirectional) f.recurrent("Bidirectional", 1)).forward(f.xs()))),
                custom("grads", f -> bidirectional(f).backward(bidirectional(f).forward(f.xs()), f.sequence(Fixture.N, Fixture.T)),
                        f -> bads("null", null, "of a shorter run", bidirectional(f).backward(bidirectional(f).forward(f.xs().subList(0, 2)),
                                f.sequence(Fixture.N, 2)))),
                custom("inputs", f -> List.of("a", "b", "c"), f -> bads("null", null, "a name too few", List.of("a", "b"),
                        "a null name", Arrays.asList("a", null, "c"), "a blank name", List.of("a", " ", "c")), "name")));
        d.add(Door.of("CellDiagram.lstm(title, lstm, run, grads, t)",
                (f, a) -> CellDiagram.lstm(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3), (int) a[4]).svg(),
                text("title"), given("lstm", f -> f.recurrent("Lstm", 0)),
                custom("run", f -> f.run("Lstm"), f -> bads("null", null, "a run of another model", f.recurrent("Lstm", 1).forward(f.xs()),
                        "a run made before an update", f.staleRun("Lstm"))),
                custom("grads", f -> lstmGrads(f, Fixture.T), f -> bads("of a shorter run", lstmGrads(f, 2))),
                Slots.index("t", 1, 1, Fixture.T)));
        d.add(Door.of("CellDiagram.gru(title, gru, run, grads, t)",
                (f, a) -> CellDiagram.gru(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3), (int) a[4]).svg(),
                text("title"), given("gru", f -> f.recurrent("Gru", 0)),
                custom("run", f -> f.run("Gru"), f -> bads("null", null, "a run of another model", f.recurrent("Gru", 1).forward(f.xs()),
                        "a run made before an update", f.staleRun("Gru"))),
                custom("grads", f -> gruGrads(f, Fixture.T), f -> bads("of a shorter run", gruGrads(f, 2))),
                Slots.index("t", 1, 1, Fixture.T)));

        d.add(Door.of("new SeriesTable(x, y)", (f, a) -> new SeriesTable(arg(a, 0), arg(a, 1)),
                custom("x", f -> "t", f -> bads("null", null, "\"series\"", "series", "equal to y", "norm"), "column names"),
                custom("y", f -> "norm", f -> bads("null", null, "\"series\"", "series"), "column names")));
        d.add(Door.of("SeriesTable.add(name, x, y)", (f, a) -> new SeriesTable("t", "norm").add((String) arg(a, 0), 1.0, 2.0), given("name", f -> "a")));
        d.add(Door.of("SeriesTable.add(name, f, from, to)", (f, a) -> new SeriesTable("t", "norm").add((String) arg(a, 0), (IntToDoubleFunction) arg(a, 1), (int) a[2], 5),
                given("name", f -> "a"), given("f", f -> (IntToDoubleFunction) i -> i * 0.5),
                custom("from", f -> 1, f -> bads("after to", 6), "range")));
        d.add(Door.of("SeriesTable.add(name, f, from, to, n)",
                (f, a) -> new SeriesTable("t", "norm").add((String) arg(a, 0), (DoubleUnaryOperator) arg(a, 1), (double) a[2], 1.0, (int) a[3]),
                given("name", f -> "a"), given("f", f -> (DoubleUnaryOperator) Math::sin), finite("from", 0.0),
                custom("n", f -> 5, f -> bads("1", 1, "0", 0, "negative", -3), "points")));
        d.add(Door.of("SeriesTable.add(name, xs, ys)", (f, a) -> new SeriesTable("t", "norm").add((String) arg(a, 0), (double[]) arg(a, 1), (double[]) arg(a, 2)),
                given("name", f -> "a"), given("xs", f -> new double[] {1, 2}),
                custom("ys", f -> new double[] {3, 4}, f -> bads("null", null, "one too many", new double[] {3, 4, 5}), "y values")));
        d.add(Door.of("SeriesTable.at(table, series, x)", (f, a) -> SeriesTable.at(arg(a, 0), arg(a, 1), (double) a[2]),
                custom("table", f -> table(), f -> bads("null", null, "no series column",
                        Table.create("bare", tech.tablesaw.api.DoubleColumn.create("t", 1.0), tech.tablesaw.api.DoubleColumn.create("norm", 2.0))),
                        "table"),
                custom("series", f -> "a", f -> bads("null", null, "a series the table lacks", "c"), "series"),
                custom("x", f -> 1.0, f -> bads("no point there", 7.0, "NaN", Double.NaN), "x")));
        d.add(Door.of("Heatmap.max(max)", (f, a) -> Heatmap.of(f.matrix(3, 2)).max((double) a[0]), positive("max", 1.0)));
        d.add(Door.of("Heatmap.scaleTitle(t)", (f, a) -> Heatmap.of(f.matrix(3, 2)).scaleTitle(arg(a, 0)), text("scaleTitle")));
        d.add(Door.of("LineChart.dashed(seriesNames...)", (f, a) -> LineChart.of(table(), "t", "norm").by("series")
                        .dashed((String[]) arg(a, 0)).build(),
                custom("seriesNames", f -> new String[] {"a"}, f -> bads("null", null, "none", new String[0],
                        "a null name", new String[] {null}, "a series the table lacks", new String[] {"c"}), "series", "name")));

        DoubleFunction<Table> frames = v -> new SeriesTable("t", "norm").add("a", 1, v).add("a", 2, 2 * v).table();
        d.add(Door.of("Sweep.of(parameter, values, tableAt, x, y)", (f, a) -> Sweep.of(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3),
                        arg(a, 4)).build(),
                custom("parameter", f -> "ρ", f -> bads("null", null, "blank", " "), "parameter"),
                custom("values", f -> new double[] {0.5, 1.0}, f -> bads("null", null, "one value", new double[] {1},
                        "NaN", new double[] {0.5, Double.NaN}, "+∞", new double[] {Double.POSITIVE_INFINITY, 1},
                        "two that look the same", new double[] {0.5, 0.50000001}), "values", "value"),
                custom("tableAt", f -> frames, f -> bads("null", null, "no table", (DoubleFunction<Table>) v -> null), "tableAt"),
                custom("x", f -> "t", f -> bads("null", null, "a column the tables lack", "step", "a column of text", "series"), "column"),
                custom("y", f -> "norm", f -> bads("null", null, "a column the tables lack", "loss"), "column")));
        d.add(Door.of("Sweep.by(seriesColumn)", (f, a) -> Sweep.of("ρ", new double[] {0.5, 1}, frames, "t", "norm")
                        .by(arg(a, 0)).build(),
                custom("seriesColumn", f -> "series", f -> bads("null", null, "a column the tables lack", "run"), "column")));
        d.add(Door.of("Sweep.dashed(seriesName)", (f, a) -> Sweep.of("ρ", new double[] {0.5, 1}, frames, "t", "norm")
                        .by("series").dashed(arg(a, 0)).build(),
                custom("seriesName", f -> "a", f -> bads("null", null, "a series the tables lack", "b"), "seriesName", "series")));
        d.add(Door.of("Sweep.startAt(value)", (f, a) -> Sweep.of("ρ", new double[] {0.5, 1}, frames, "t", "norm")
                        .startAt((double) a[0]),
                custom("value", f -> 1.0, f -> bads("not one of the values", 0.7, "NaN", Double.NaN), "values")));
        d.add(Door.of("Sweep.title(t)", (f, a) -> Sweep.of("ρ", new double[] {0.5, 1}, frames, "t", "norm").title(arg(a, 0)),
                text("title")));
        d.add(Door.of("Sweep.size(width, height)", (f, a) -> Sweep.of("ρ", new double[] {0.5, 1}, frames, "t", "norm")
                .size((int) a[0], (int) a[1]), sizes("width"), sizes("height")));
        d.add(Door.of("Sweep.Figure.table(value)", (f, a) -> Sweep.of("ρ", new double[] {0.5, 1}, frames, "t", "norm").build()
                        .table((double) a[0]),
                custom("value", f -> 0.5, f -> bads("not one of the values", 0.7, "NaN", Double.NaN), "values")));

        d.add(Door.of("new ComputationGraph(title)", (f, a) -> new ComputationGraph(arg(a, 0)), text("title")));
        d.add(Door.of("ComputationGraph.node(name, column, row, quantities...)", (f, a) -> new ComputationGraph("g")
                        .node("taken", 0, 0).node(arg(a, 0), (int) a[1], (double) a[2]),
                custom("name", f -> "x", f -> bads("null", null, "blank", " ", "a name already taken", "taken"), "name", "node"),
                custom("column", f -> 1, f -> bads("negative", -1), "column"),
                custom("row", f -> 0.0, f -> bads("negative", -1.0, "NaN", Double.NaN, "+∞", Double.POSITIVE_INFINITY), "row")));
        d.add(Door.of("ComputationGraph.edge(from, to, quantities...)", (f, a) -> new ComputationGraph("g")
                        .node("a", 0, 0).node("b", 1, 0).edge(arg(a, 0), arg(a, 1)),
                custom("from", f -> "a", f -> bads("null", null, "no such node", "zz", "the node to itself", "b"), "node", "from"),
                custom("to", f -> "b", f -> bads("null", null, "no such node", "zz"), "node", "to")));
        d.add(Door.of("ComputationGraph.spacing(columnGap, rowGap)", (f, a) -> new ComputationGraph("g").spacing((int) a[0], (int) a[1]),
                custom("columnGap", f -> 320, f -> bads("0", 0, "negative", -5), "columnGap"),
                custom("rowGap", f -> 130, f -> bads("0", 0, "negative", -5), "rowGap")));
        d.add(Door.of("ComputationGraph.value(symbol, v)", (f, a) -> ComputationGraph.value(arg(a, 0), 1.0),
                custom("symbol", f -> "w", f -> bads("null", null, "blank", " "), "symbol")));
        return d;
    }
}
