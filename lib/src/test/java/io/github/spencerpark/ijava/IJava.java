package io.github.spencerpark.ijava;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import java.util.ArrayList;
import java.util.List;

/**
 * Test stand-in for IJava's entry class: same name and same {@code getKernelInstance()}, handing out
 * a real jupyter-jvm-basekernel kernel (the library IJava is built on) that records what it is asked
 * to display instead of sending it over a socket.
 */
public final class IJava {
    private static RecordingKernel kernel;

    private IJava() {}

    public static BaseKernel getKernelInstance() { return kernel; }

    /** Installs a fresh recording kernel; {@link #uninstall()} removes it. */
    public static RecordingKernel install() {
        kernel = new RecordingKernel();
        return kernel;
    }

    public static void uninstall() { kernel = null; }

    public static final class RecordingKernel extends BaseKernel {
        public final List<DisplayData> displayed = new ArrayList<>();

        @Override public void display(DisplayData data) { displayed.add(data); }

        @Override public DisplayData eval(String expr) { throw new UnsupportedOperationException("not a real kernel"); }

        @Override public LanguageInfo getLanguageInfo() { return new LanguageInfo.Builder("java").build(); }
    }
}
