package gradnotes.notebook;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * The one place that knows which Jupyter kernel is running. It hands a {@link MimeBundle} to the
 * kernel's own display call, found by name at run time, so that the library needs no kernel on its
 * class path and no notebook cell names a kernel class:
 * <ul>
 *   <li>JJava (the maintained continuation of IJava, the project's default kernel):
 *       {@code org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel().display(DisplayData)}, the
 *       bundle built with {@code DisplayData.putData(String, Object)};</li>
 *   <li>IJava 1.3: {@code io.github.spencerpark.ijava.IJava.getKernelInstance().display(DisplayData)}, with
 *       {@code io.github.spencerpark.jupyter.kernel.display.DisplayData.putData(MIMEType, Object)};</li>
 *   <li>anything else (JShell in a terminal, a unit test): the text/plain part is printed.</li>
 * </ul>
 * A JSON MIME type ({@code application/json}, {@code …+json}) goes to the kernel as a JSON value,
 * not as a string, as front ends expect.
 */
public final class KernelBridge {

    /** Which route a bundle takes. */
    public enum Kernel { JJAVA, IJAVA, NONE }

    private KernelBridge() {}

    /** The running kernel, detected afresh on every call (cheap: two class look-ups). */
    public static Kernel detect() {
        if (jjavaKernel() != null) return Kernel.JJAVA;
        if (ijavaKernel() != null) return Kernel.IJAVA;
        return Kernel.NONE;
    }

    /** Emits {@code bundle} through the running kernel, or prints its text to {@code out} when there is none. */
    public static void display(MimeBundle bundle, PrintStream out) {
        try {
            Object jjava = jjavaKernel();
            if (jjava != null) { displayJJava(jjava, bundle); return; }
            Object ijava = ijavaKernel();
            if (ijava != null) { displayIJava(ijava, bundle); return; }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Jupyter kernel refused a display call (" + e + "); "
                    + "gradnotes supports JJava 1.0 and IJava 1.3", e);
        }
        out.println(bundle.plain());
    }

    /** The value a kernel should send for {@code mime}: JSON types as a JSON tree, the rest as text. */
    static Object wireValue(String mime, String value) {
        return isJson(mime) ? JsonTree.parse(value) : value;
    }

    static boolean isJson(String mime) { return mime.equals("application/json") || mime.endsWith("+json"); }

    private static Object jjavaKernel() {
        try {
            return load("org.dflib.jjava.jupyter.kernel.BaseKernel").getMethod("notebookKernel").invoke(null);
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

    private static void displayJJava(Object kernel, MimeBundle bundle) throws ReflectiveOperationException {
        Class<?> displayData = load("org.dflib.jjava.jupyter.kernel.display.DisplayData");
        Object data = displayData.getConstructor().newInstance();
        Method put = displayData.getMethod("putData", String.class, Object.class);
        for (Map.Entry<String, String> e : bundle.data().entrySet()) put.invoke(data, e.getKey(), wireValue(e.getKey(), e.getValue()));
        kernel.getClass().getMethod("display", displayData).invoke(kernel, data);
    }

    private static void displayIJava(Object kernel, MimeBundle bundle) throws ReflectiveOperationException {
        Class<?> displayData = load("io.github.spencerpark.jupyter.kernel.display.DisplayData");
        Class<?> mimeType = load("io.github.spencerpark.jupyter.kernel.display.mime.MIMEType");
        Object data = displayData.getConstructor().newInstance();
        Method parse = mimeType.getMethod("parse", String.class);
        Method put = displayData.getMethod("putData", mimeType, Object.class);
        for (Map.Entry<String, String> e : bundle.data().entrySet())
            put.invoke(data, parse.invoke(null, e.getKey()), wireValue(e.getKey(), e.getValue()));
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
