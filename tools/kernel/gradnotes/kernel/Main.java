package gradnotes.kernel;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.kernel.JavaKernel;
import org.dflib.jjava.kernel.magics.ClasspathMagic;
import org.dflib.jjava.kernel.magics.JarsMagic;
import org.dflib.jjava.kernel.magics.LoadMagic;
import org.dflib.jjava.kernel.magics.TimeMagic;
import org.dflib.jjava.maven.MavenDependencyResolver;
import org.dflib.jjava.maven.magics.AddMavenDependencyMagic;
import org.dflib.jjava.maven.magics.LoadFromPomCellMagic;
import org.dflib.jjava.maven.magics.LoadFromPomLineMagic;
import org.dflib.jjava.maven.magics.MavenMagic;
import org.dflib.jjava.maven.magics.MavenRepoMagic;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the JJava kernel as JJava's own launcher ({@code org.dflib.jjava.distro.JJava}) does, with
 * the same magics and the same {@code JJAVA_*} environment settings, on a {@link PromptConnection}:
 * its shell channel handles a request as soon as it arrives, where JJava's sleeps 50 ms between
 * polls, so every cell, and every other request, waited up to 50 ms before it started.
 *
 * <p>Built against the {@code jjava.jar} it runs with, by {@code tools/install-kernel.sh}.
 * Usage: {@code java -cp gradnotes-kernel.jar:jjava.jar gradnotes.kernel.Main CONNECTION_FILE}.
 */
public final class Main {
    static final String LOG_FORMAT = "[%4$.1s %1$tF %1$tT.%1$tL %3$s] %5$s%n";
    private static final String JJAVA_POM = "META-INF/maven/org.dflib.jjava/jjava-distro/pom.properties";
    private static final Pattern DURATION = Pattern.compile("^(-?\\d+)\\W*([A-Za-z]+)?$");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: gradnotes.kernel.Main CONNECTION_FILE (got "
                    + args.length + " arguments)");
        }
        Path connectionFile = Path.of(args[0]);
        if (!Files.isRegularFile(connectionFile)) {
            throw new IllegalArgumentException("connection file " + connectionFile + " is not a file");
        }
        System.setProperty("java.util.logging.SimpleFormatter.format", LOG_FORMAT);
        var connection = new PromptConnection(KernelConnectionProperties.parse(Files.readString(connectionFile)));
        JavaKernel kernel = kernel(null);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        // Closed: the kernel has run its shutdown. JJava's cell threads idle for another 60 s
        // before they end, and the JVM with them; a restart or a stop should not wait for that.
        System.exit(0);
    }

    /**
     * A JJava kernel as JJava's launcher builds it: its magics, the {@code JJAVA_*} settings, started
     * (it is the notebook kernel that display calls reach), with the extra class path and the startup
     * snippets applied. Not yet bound to a connection. {@code classpath}: the {@code %classpath} magic
     * of a kernel host ({@link SharedClasspathMagic}), or null for JJava's own.
     */
    @SuppressWarnings("removal") // %jars and %addMavenDependency: JJava still offers them, so do we
    static JavaKernel kernel(LineMagic<Void, JavaKernel> classpath) throws IOException {
        var maven = new MavenDependencyResolver();
        var time = new TimeMagic();
        Timeout timeout = Timeout.parse(JJavaEnvironment.string("timeout"));
        JavaKernel kernel = JavaKernel.builder()
                .name("JJava")
                .version(jjavaVersion())
                .extensionsEnabled(JJavaEnvironment.flag("extensionsEnabled"))
                .compilerOpts(JJavaEnvironment.list("compilerOpts"))
                .timeout(timeout.duration(), timeout.unit())
                .lineMagic("load", new LoadMagic())
                .lineMagic("classpath", classpath != null ? classpath : new ClasspathMagic())
                .lineMagic("time", time)
                .lineMagic("maven", new MavenMagic(maven))
                .lineMagic("mavenRepo", new MavenRepoMagic(maven))
                .lineMagic("loadFromPOM", new LoadFromPomLineMagic(maven))
                .lineMagic("jars", new JarsMagic())
                .lineMagic("addMavenDependency", new AddMavenDependencyMagic(maven))
                .cellMagic("loadFromPOM", new LoadFromPomCellMagic(maven))
                .cellMagic("time", time)
                .build();
        kernel.onStartup();
        kernel.addToClasspath(JJavaEnvironment.string("extraClasspath"));
        for (String snippet : JJavaEnvironment.list("startupSnippets")) {
            kernel.evalBuilder(snippet).resolveMagics().eval();
        }
        return kernel;
    }

    /** JJAVA_TIMEOUT as JJava reads it: none (-1, the default), "30000" (ms), "30 SECONDS", "2 minutes". */
    record Timeout(long duration, TimeUnit unit) {
        static Timeout parse(String value) {
            if (value == null) {
                return new Timeout(-1, TimeUnit.MILLISECONDS);
            }
            Matcher m = DURATION.matcher(value);
            if (!m.matches()) {
                throw new IllegalArgumentException("JJAVA_TIMEOUT=" + value + ": expected a number and an optional unit");
            }
            try {
                TimeUnit unit = m.group(2) == null ? TimeUnit.MILLISECONDS
                        : TimeUnit.valueOf(m.group(2).toUpperCase(Locale.ROOT));
                return new Timeout(Long.parseLong(m.group(1)), unit);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("JJAVA_TIMEOUT=" + value + ": unknown unit " + m.group(2), e);
            }
        }
    }

    private static String jjavaVersion() throws IOException {
        try (InputStream in = JavaKernel.class.getClassLoader().getResourceAsStream(JJAVA_POM)) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "");
        }
    }

    /**
     * JJava's reading of its {@code JJAVA_*} environment variables ({@code org.dflib.jjava.distro.Env},
     * not public), called rather than copied so that the settings mean here what they mean to JJava.
     */
    private static final class JJavaEnvironment {
        static String string(String method) {
            return (String) call(method);
        }

        static boolean flag(String method) {
            return (Boolean) call(method);
        }

        @SuppressWarnings("unchecked")
        static List<String> list(String method) {
            return (List<String>) call(method);
        }

        private static Object call(String name) {
            try {
                Method method = Class.forName("org.dflib.jjava.distro.Env").getMethod(name);
                method.setAccessible(true);
                return method.invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("this JJava has no Env." + name + "(): gradnotes.kernel.Main was "
                        + "written for JJava 1.0a8; run tools/install-kernel.sh again", e);
            }
        }
    }
}
