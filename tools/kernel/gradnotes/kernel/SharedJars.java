package gradnotes.kernel;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The jars whose classes a kernel host loads once, for all the kernels it runs, so that their
 * methods stay compiled by the JIT from one notebook to the next (a notebook's own copy of the
 * library, loaded anew, had its hot methods compiled again every time).
 *
 * <p>A jar is shared only when its manifest says {@code Gradnotes-Shared-Classes: true}: its author
 * promises that its classes keep no static state one notebook could see from another (the gradnotes
 * library does; {@code SharedClassesTest} holds it to that). Its classes then come from the JVM's
 * application class loader, which every kernel's JShell class loader asks first; a jar without the
 * attribute is loaded by the kernel's own class loader, anew for every kernel, as before.
 *
 * <p>A shared jar that is built again while the host runs leaves the host unusable for the next
 * notebook, which must see the new classes: {@link #changed()} names it, and the host ends rather
 * than serve another kernel. A jar added to a kernel that holds classes of the same name as a
 * shared jar would be shadowed by the shared classes: {@link #add} names the shared jars.
 */
final class SharedJars {
    static final Attributes.Name SHARED = new Attributes.Name("Gradnotes-Shared-Classes");

    /** What a jar file was when it was shared: a rebuilt jar is another file (the build renames it into place). */
    private record Stamp(Object fileKey, FileTime modified, long size) {
        static Stamp of(Path jar) throws IOException {
            BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
            return new Stamp(a.fileKey(), a.lastModifiedTime(), a.size());
        }
    }

    private final Map<Path, Stamp> shared = new LinkedHashMap<>();
    private final Map<Path, Set<String>> sharedClasses = new HashMap<>();  // read only when a check needs them
    private final Method append;

    /** {@code append}: the application class loader's way to take one more jar, or null (nothing is shared). */
    private SharedJars(Method append) {
        this.append = append;
    }

    /**
     * Sharing through the application class loader, which takes a jar at run time only through the
     * method that {@code Instrumentation.appendToSystemClassLoaderSearch} calls; the JVM must be
     * started with {@code --add-opens java.base/jdk.internal.loader=ALL-UNNAMED} (install-kernel.sh).
     * Without it every jar is loaded per kernel, as before, and the host says so in its log once;
     * so too with {@code GRADNOTES_KERNEL_SHARED=0} in the environment.
     */
    static SharedJars forHost() {
        if ("0".equals(System.getenv("GRADNOTES_KERNEL_SHARED"))) {
            return new SharedJars(null);   // asked for: every jar per kernel
        }
        ClassLoader app = ClassLoader.getSystemClassLoader();
        try {
            Method append = app.getClass().getDeclaredMethod("appendToClassPathForInstrumentation", String.class);
            append.setAccessible(true);
            return new SharedJars(append);
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("[gradnotes.kernel.Host] no class is shared between kernels: " + e);
            return new SharedJars(null);
        }
    }

    /** What became of a jar added to a kernel's class path: shared, or the kernel's own (and what shadows it). */
    record Added(boolean shared, List<Path> shadowedBy) {}

    /**
     * A jar added to a kernel's class path. Shared if its manifest asks for it, unless it has a class
     * of the same name as a jar this kernel added before it ({@code earlier}), which a kernel of its
     * own would load first. Not shared, and shadowed, when a shared jar holds classes of the same
     * names: the kernel would get those instead of its own.
     */
    synchronized Added add(Path jar, List<Path> earlier) throws IOException {
        jar = jar.toAbsolutePath().normalize();
        if (shared.containsKey(jar)) {
            return new Added(true, List.of());
        }
        if (!Files.isRegularFile(jar)) {
            return new Added(false, List.of());
        }
        // the jar's class names are read (a few tens of ms for the library) only when there is
        // something to compare them with: not for the first jar of a new host's first kernel
        Set<String> names = null;
        List<Path> shadowedBy = new ArrayList<>();
        for (Path one : shared.keySet()) {
            names = names != null ? names : classes(jar);
            if (overlap(names, sharedClasses(one))) {
                shadowedBy.add(one);
            }
        }
        if (!shadowedBy.isEmpty() || append == null || !declaresShared(jar)) {
            return new Added(false, shadowedBy);
        }
        for (Path other : earlier) {
            names = names != null ? names : classes(jar);
            if (Files.isRegularFile(other) && overlap(names, classes(other))) {
                return new Added(false, List.of());
            }
        }
        try {
            append.invoke(ClassLoader.getSystemClassLoader(), jar.toString());
        } catch (ReflectiveOperationException e) {
            throw new IOException("the host's class loader refused " + jar + ": " + e, e);
        }
        shared.put(jar, Stamp.of(jar));
        if (names != null) {
            sharedClasses.put(jar, names);
        }
        return new Added(true, List.of());
    }

    /** The shared jars that were built again, replaced or removed since they were shared. */
    synchronized List<Path> changed() {
        List<Path> changed = new ArrayList<>();
        shared.forEach((jar, stamp) -> {
            try {
                if (!Stamp.of(jar).equals(stamp)) {
                    changed.add(jar);
                }
            } catch (IOException e) {
                changed.add(jar);
            }
        });
        return changed;
    }

    private static boolean declaresShared(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest();
            return manifest != null && "true".equalsIgnoreCase(manifest.getMainAttributes().getValue(SHARED));
        }
    }

    /** A shared jar's classes, read once: it does not change while it is shared (or the host ends). */
    private Set<String> sharedClasses(Path jar) throws IOException {
        Set<String> names = sharedClasses.get(jar);
        if (names == null) {
            names = classes(jar);
            sharedClasses.put(jar, names);
        }
        return names;
    }

    private static boolean overlap(Set<String> a, Set<String> b) {
        return a.stream().anyMatch(b::contains);
    }

    private static Set<String> classes(Path jar) throws IOException {
        Set<String> names = new HashSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
                    .forEach(names::add);
        }
        return names;
    }
}
