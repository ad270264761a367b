package gradnotes;

import gradnotes.nn.Gru;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's jar declares its classes shareable ({@code Gradnotes-Shared-Classes: true} in its
 * manifest, lib/pom.xml): a kernel host loads them once and every notebook it runs afterwards uses
 * them. That is only right if no static state of theirs carries from one notebook to the next. So
 * every static field of every library class is final, and holds a value that cannot change (a
 * primitive, a string, an enum constant, a pattern, a vector species) or is one of those listed
 * below, each with the reason it is safe to share. A new static field fails here until it is one
 * of those or argued for in this list.
 */
class SharedClassesTest {
    private static final Set<Class<?>> UNCHANGING = Set.of(String.class, Pattern.class, Boolean.class,
            Integer.class, Long.class, Double.class);

    /** Static fields that hold something mutable, and why a notebook cannot see another's use of it. */
    private static final Map<String, String> ARGUED = Map.of(
            "gradnotes.nn.Parameters.UPDATED", "a weak identity map from a notebook's own matrices to their "
                    + "version: another notebook's matrices are never its keys",
            "gradnotes.nn.Parameters.CLOCK", "versions are only compared with each other, never shown",
            "gradnotes.linalg.VectorGemm.BUFFERS", "per-thread scratch, written before it is read",
            "gradnotes.notebook.SelfCheck.SALTS", "a source of random salts",
            "gradnotes.linalg.MatMul.GEMM", "a stateless kernel chosen from the JVM's options, which all "
                    + "kernels of a host share",
            "gradnotes.linalg.Squash.KERNEL", "a stateless kernel chosen from the JVM's options",
            "gradnotes.linalg.Squash.PORTABLE", "a stateless kernel");

    @Test
    void everyStaticFieldIsFinalAndUnchangingOrArguedFor() throws IOException, URISyntaxException {
        List<String> unargued = new ArrayList<>();
        List<Class<?>> classes = libraryClasses();
        assertTrue(classes.size() > 50, "found only " + classes.size() + " library classes");
        for (Class<?> c : classes) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || f.isSynthetic() || f.isEnumConstant()) continue;
                String name = c.getName() + "." + f.getName();
                boolean unchanging = Modifier.isFinal(f.getModifiers()) && unchanging(f.getType());
                if (!unchanging && !ARGUED.containsKey(name)) {
                    unargued.add(name + " (" + (Modifier.isFinal(f.getModifiers()) ? "final " : "") + f.getType().getName() + ")");
                }
            }
        }
        assertEquals(List.of(), unargued, "static fields a shared library class must not have, or must argue for");
    }

    @Test
    void everyArguedFieldStillExists() throws IOException, URISyntaxException {
        List<String> all = new ArrayList<>();
        for (Class<?> c : libraryClasses())
            for (Field f : c.getDeclaredFields()) all.add(c.getName() + "." + f.getName());
        for (String name : ARGUED.keySet()) assertTrue(all.contains(name), name + " is argued for but gone: drop it");
    }

    private static boolean unchanging(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || UNCHANGING.contains(type)
                || type.getName().equals("jdk.incubator.vector.VectorSpecies");
    }

    /** Every class compiled from lib/src/main (target/classes), nested ones included. */
    private static List<Class<?>> libraryClasses() throws IOException, URISyntaxException {
        Path root = Path.of(Gru.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.endsWith("module-info") || name.endsWith("package-info")) continue;
                try {
                    classes.add(Class.forName(name, false, SharedClassesTest.class.getClassLoader()));
                } catch (ClassNotFoundException e) {
                    throw new IOException(file + " is not a loadable class", e);
                }
            }
        }
        return classes;
    }
}
