package gradnotes.linalg;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A notebook's numbers must not depend on when the JIT compiled a kernel, nor on which JDK runs the
 * kernel: a training that runs for thousands of steps turns one different last bit into a different
 * result, and a check cell that held on one JDK fails on the next. So the kernels' {@link RoundingFingerprint}
 * must be the same interpreted ({@code -Xint}) and compiled, on this JDK and on every other JDK 17 or later
 * under {@code /usr/lib/jvm} (the kernel may run on any of them).
 */
class SameRoundingTest {
    private static final int WARM_UPS = 400;

    @Test
    void sameBitsInterpretedAndCompiledOnEveryJdk() throws Exception {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (Path java : jdks()) {
            fingerprints.put(java + " -Xint", run(java, "-Xint", 1));
            fingerprints.put(java + " after " + WARM_UPS + " runs", run(java, "-Xbatch", WARM_UPS));
        }
        assertTrue(fingerprints.size() >= 2);
        String first = fingerprints.values().iterator().next();
        for (Map.Entry<String, String> e : fingerprints.entrySet())
            assertEquals(first, e.getValue(), () -> "the kernels round differently on " + e.getKey() + ": " + fingerprints);
    }

    /** This JVM's java, then every other JDK 17 or later under /usr/lib/jvm. */
    private static List<Path> jdks() throws IOException {
        List<Path> found = new ArrayList<>();
        Path self = Paths.get(System.getProperty("java.home"), "bin", "java").toRealPath();
        found.add(self);
        Path jvms = Paths.get("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) return found;
        try (Stream<Path> dirs = Files.list(jvms)) {
            for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
                Path java = dir.resolve("bin").resolve("java");
                if (!Files.isExecutable(java) || Files.isSymbolicLink(dir)) continue;
                Path real = java.toRealPath();
                if (!found.contains(real) && featureVersion(dir) >= 17) found.add(real);
            }
        }
        return found;
    }

    /** The JDK's feature version from its release file, or 0 if it has none. */
    private static int featureVersion(Path jdk) throws IOException {
        Path release = jdk.resolve("release");
        if (!Files.exists(release)) return 0;
        for (String line : Files.readAllLines(release, StandardCharsets.UTF_8))
            if (line.startsWith("JAVA_VERSION=")) {
                String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                return Integer.parseInt(v.split("[.+-]")[0]);
            }
        return 0;
    }

    private static String run(Path java, String mode, int warmUps) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java.toString(), mode, "--add-modules", "jdk.incubator.vector",
                "-cp", classPath, RoundingFingerprint.class.getName(), Integer.toString(warmUps))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), java + " " + mode + " did not finish");
        assertEquals(0, p.exitValue(), () -> java + " " + mode + " failed: " + out);
        assertTrue(out.startsWith("Vector API"), () -> java + " " + mode + " ran without the Vector API: " + out);
        return out;
    }
}
