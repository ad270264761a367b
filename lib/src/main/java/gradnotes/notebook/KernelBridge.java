package gradnotes.notebook;

import java.io.PrintStream;
import java.lang.reflect.Method;

/**
 * The one place that knows which Jupyter kernel is running. It hands a {@link MimeBundle} to the
 * kernel's own display call, found by name at run time, so that the library needs neither kernel
 * on its classpath and no notebook cell names a kernel class:
 * <ul>
 *   <li>rapaio-jupyter-kernel 3.x: {@code org.rapaio.jupyter.kernel.MainApp.kernel.display(DisplayData)},
 *       the bundle built with {@code DisplayData.withType(mime, value)} and {@code putData(mime, value)};</li>
 *   <li>IJava 1.3: {@code io.github.spencerpark.ijava.IJava.getKernelInstance().display(DisplayData)}, with
 *       {@code io.github.spencerpark.jupyter.kernel.display.DisplayData.putData(MIMEType, Object)};</li>
 *   <li>anything else (JShell in a terminal, a unit test): the text/plain part is printed.</li>
 * </ul>
 */
public final class KernelBridge {

    /** Which route a bundle takes. */
    public enum Kernel { RAPAIO, IJAVA, NONE }

    private KernelBridge() {}

    /** The running kernel, detected afresh on every call (cheap: two class look-ups). */
    public static Kernel detect() {
        if (rapaioKernel() != null) return Kernel.RAPAIO;
        if (ijavaKernel() != null) return Kernel.IJAVA;
        return Kernel.NONE;
    }

    /** Emits {@code bundle} through the running kernel, or prints its text to {@code out} when there is none. */
    public static void display(MimeBundle bundle, PrintStream out) {
        try {
            Object rapaio = rapaioKernel();
            if (rapaio != null) { displayRapaio(rapaio, bundle); return; }
            Object ijava = ijavaKernel();
            if (ijava != null) { displayIJava(ijava, bundle); return; }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Jupyter kernel refused a display call (" + e + "); "
                    + "gradnotes supports rapaio-jupyter-kernel 3.x and IJava 1.3", e);
        }
        out.println(bundle.plain());
    }

    private static Object rapaioKernel() {
        try {
            return load("org.rapaio.jupyter.kernel.MainApp").getField("kernel").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static Object ijavaKernel() {
        try {
            return load("io.github.spencerpark.ijava.IJava").getMethod("getKernelInstance").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static void displayRapaio(Object kernel, MimeBundle bundle) throws ReflectiveOperationException {
        Class<?> displayData = load("org.rapaio.jupyter.kernel.display.DisplayData");
        Object data = displayData.getMethod("withType", String.class, String.class).invoke(null, "text/plain", bundle.plain());
        Method put = displayData.getMethod("putData", String.class, Object.class);
        for (var e : bundle.data().entrySet()) put.invoke(data, e.getKey(), e.getValue());
        kernel.getClass().getMethod("display", displayData).invoke(kernel, data);
    }

    private static void displayIJava(Object kernel, MimeBundle bundle) throws ReflectiveOperationException {
        Class<?> displayData = load("io.github.spencerpark.jupyter.kernel.display.DisplayData");
        Class<?> mimeType = load("io.github.spencerpark.jupyter.kernel.display.mime.MIMEType");
        Object data = displayData.getConstructor().newInstance();
        Method parse = mimeType.getMethod("parse", String.class);
        Method put = displayData.getMethod("putData", mimeType, Object.class);
        for (var e : bundle.data().entrySet()) put.invoke(data, parse.invoke(null, e.getKey()), e.getValue());
        kernel.getClass().getMethod("display", displayData).invoke(kernel, data);
    }

    /** Looks a kernel class up from this library's loader first, then from the thread's (kernels differ in which sees them). */
    private static Class<?> load(String name) throws ClassNotFoundException {
        try {
            return Class.forName(name, true, KernelBridge.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context == null) throw e;
            return Class.forName(name, true, context);
        }
    }
}
