package gradnotes.kernel;

import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;
import org.dflib.jjava.kernel.JavaKernel;
import org.dflib.jjava.kernel.magics.ClasspathMagic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code %classpath} on a kernel host: JJava's own magic (JShell compiles against every jar, the
 * kernel's class loader can load from it), after the jars that ask for it have been shared with the
 * host's other kernels ({@link SharedJars}). One per kernel: it remembers the jars its kernel added.
 */
final class SharedClasspathMagic implements LineMagic<Void, JavaKernel> {
    private final SharedJars shared;
    private final Runnable retire;
    private final List<Path> added = new ArrayList<>();
    private final ClasspathMagic jjava = new ClasspathMagic();

    /** {@code retire}: called when this kernel's class path means the host must not serve another. */
    SharedClasspathMagic(SharedJars shared, Runnable retire) {
        this.shared = shared;
        this.retire = retire;
    }

    @Override
    public Void eval(JavaKernel kernel, List<String> args) throws Exception {
        for (String arg : args) {
            for (Path path : PathsHandler.resolveGlobs(arg)) {
                Path jar = path.toAbsolutePath().normalize();
                List<Path> shadowedBy = shared.add(jar, added).shadowedBy();
                if (!shadowedBy.isEmpty()) {
                    retire.run();
                    throw new IllegalStateException("%classpath " + jar + ": it has classes of the same "
                            + "names as " + shadowedBy + ", which this kernel host loaded for an earlier "
                            + "notebook and would use instead. Restart the kernel: it starts on a new "
                            + "host, which loads this jar's own classes.");
                }
                added.add(jar);
            }
        }
        return jjava.eval(kernel, args);
    }
}
