package gradnotes.kernel;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.kernel.JavaKernel;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A JVM that runs one kernel after another, each on a fresh JJava kernel and a fresh JShell, so
 * that the second and later kernels find javac, JShell, JJava and the JDK already compiled by the
 * JIT. A new kernel JVM spends about half of its CPU time compiling those; on a warm host the
 * notebooks here ran in 57 to 94 % of the time they took on a new JVM.
 *
 * <p>The process that Jupyter starts is {@code gradnotes-kernel.py}, a small client: it finds an idle
 * host for the same JVM, options, {@code JJAVA_*} settings and folder, or starts one, and hands it the
 * connection file over a Unix socket. The host answers {@code started PID}, runs the kernel, and
 * answers {@code ended} when the kernel has shut down on a shutdown request; the client then exits,
 * and the host waits for the next client. If the client goes away while its kernel runs (Jupyter
 * killed it), the host ends at once: a cell may still be running, and nothing is reused.
 *
 * <p>What is fresh for every kernel: the JShell (every variable, class and import), its class loader
 * (so every class on the notebook's {@code %classpath}, with its static state, is loaded anew,
 * unless its jar is shared, below), the system properties, the default locale and time zone
 * (restored as they were when the host started). What is shared: the JIT's compiled code, the
 * JDK's own caches, and the classes of a jar whose manifest declares them shareable
 * ({@link SharedJars}: the gradnotes library), loaded once so that their compiled code is kept too. A host is not reused when its kernel leaves a thread
 * behind that is still doing something, nor when a shared jar was built again since it was loaded
 * (it answers {@code stale JAR} and ends: the client starts a new host); it ends instead.
 *
 * <p>Usage: {@code java ... gradnotes.kernel.Host SOCKET IDLE_SECONDS}. It listens on SOCKET only
 * while it is idle, and ends after IDLE_SECONDS without a client, or when a client sends {@code stop}.
 */
public final class Host {
    private final Path socket;
    private final long idleMillis;
    private final Properties properties = (Properties) System.getProperties().clone();
    private final Locale locale = Locale.getDefault();
    private final TimeZone zone = TimeZone.getDefault();
    private final Set<Thread> own = Thread.getAllStackTraces().keySet();
    private final SharedJars shared = SharedJars.forHost();
    private final AtomicBoolean retiring = new AtomicBoolean();  // a kernel's class path forbids reuse

    private Host(Path socket, long idleMillis) {
        this.socket = socket;
        this.idleMillis = idleMillis;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: gradnotes.kernel.Host SOCKET IDLE_SECONDS (got "
                    + args.length + " arguments)");
        }
        System.setProperty("java.util.logging.SimpleFormatter.format", Main.LOG_FORMAT);
        new Host(Path.of(args[0]), Long.parseLong(args[1]) * 1000).run();
    }

    private void run() throws Exception {
        int served = 0;
        SocketChannel client = nextClient(null);
        while (client != null) {
            served++;
            Ended ended = serve(client, served);
            if (ended == null) {
                break;
            }
            System.setProperties((Properties) properties.clone());
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
            System.gc();                  // the last notebook's objects, before the host sits idle
            if (retiring.get()) {
                log("kernel " + served + " added a jar that shared classes would shadow: ending rather than reusing");
                ended.tell();
                break;
            }
            String busy = busyThreads();
            if (!busy.isEmpty()) {
                log("kernel " + served + " left threads at work (" + busy + "): ending rather than reusing");
                ended.tell();
                break;
            }
            // listening again before the client hears that its kernel ended, so that a notebook
            // started right after this one finds this host idle
            client = nextClient(ended);
        }
        if (client == null) {
            log("no client for " + idleMillis / 1000 + " s after " + served + " kernels: ending");
        }
        Runtime.getRuntime().halt(0);
    }

    /** A kernel that shut down as asked; its client is told once the host is ready for the next. */
    private record Ended(SocketChannel client) {
        void tell() {
            write(client, "ended\n");
            try {
                client.close();
            } catch (IOException e) {
                // it is gone already
            }
        }
    }

    /**
     * Listens while idle: the next client, or null after the idle time. The socket is gone while
     * busy. {@code ended}, if not null, is told once the socket listens.
     */
    private SocketChannel nextClient(Ended ended) throws IOException {
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            server.bind(UnixDomainSocketAddress.of(socket));
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            if (ended != null) {
                ended.tell();
            }
            long deadline = System.currentTimeMillis() + idleMillis;
            while (true) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return null;
                }
                selector.select(left);
                SocketChannel client = server.accept();
                if (client != null) {
                    client.configureBlocking(true);
                    return client;
                }
            }
        } finally {
            Files.deleteIfExists(socket);
        }
    }

    /** One kernel for one client: not null when it shut down as asked and the host may serve another. */
    private Ended serve(SocketChannel client, int number) throws Exception {
        String request = readLine(client);
        if ("stop".equals(request)) {
            write(client, "stopping\n");
            log("asked to stop after " + (number - 1) + " kernels");
            return null;
        }
        if (request == null || !request.startsWith("kernel ")) {
            log("a client sent " + request + " rather than \"kernel CONNECTION_FILE\"");
            client.close();
            return null;
        }
        List<Path> rebuilt = shared.changed();
        if (!rebuilt.isEmpty()) {
            // the next notebook must see the new classes, which this JVM's class loader cannot unload
            log("shared jars built again since they were loaded (" + rebuilt + "): ending rather than reusing");
            write(client, "stale " + rebuilt + "\n");
            client.close();
            return null;
        }
        Path connectionFile = Path.of(request.substring("kernel ".length()));
        PromptConnection connection;
        try {
            connection = new PromptConnection(KernelConnectionProperties.parse(Files.readString(connectionFile)));
            JavaKernel kernel = Main.kernel(new SharedClasspathMagic(shared, () -> retiring.set(true)));
            kernel.becomeHandlerForConnection(connection);
            connection.connect();
        } catch (Exception | LinkageError e) {
            // a port taken, a connection file gone: the client prints this and fails the start
            log("kernel " + number + " did not start: " + e);
            write(client, "failed " + e.toString().replace('\n', ' ') + "\n");
            client.close();
            return null;
        }
        AtomicBoolean ended = new AtomicBoolean();  // this kernel's, as its watcher may outlive it
        write(client, "started " + ProcessHandle.current().pid() + "\n");
        Thread watcher = new Thread(() -> {
            try {
                while (client.read(ByteBuffer.allocate(64)) >= 0) {
                    // the client sends nothing more; end of stream is all this waits for
                }
            } catch (IOException e) {
                // closed: the same as end of stream
            }
            if (!ended.get()) {           // Jupyter killed the client, not a shutdown request
                log("kernel " + number + ": its client went away; ending the host");
                Runtime.getRuntime().halt(0);
            }
        }, "gradnotes-host-client");
        watcher.setDaemon(true);
        watcher.start();
        connection.waitUntilClose();
        ended.set(true);
        return new Ended(client);
    }

    /**
     * The threads started since the host started that are still at work: not JJava's cell threads or
     * the common fork-join pool waiting for work, nor a JDK thread that comes and goes on its own.
     */
    private String busyThreads() throws InterruptedException {
        List<String> busy = new ArrayList<>();
        for (int attempt = 0; attempt < 20; attempt++) {  // the connection's threads take a moment to end
            busy.clear();
            for (var entry : Thread.getAllStackTraces().entrySet()) {
                Thread t = entry.getKey();
                if (own.contains(t) || t == Thread.currentThread() || idle(t, entry.getValue())) {
                    continue;
                }
                busy.add(t.getName() + " " + t.getState());
            }
            if (busy.isEmpty()) {
                break;
            }
            Thread.sleep(50);
        }
        return busy.stream().collect(Collectors.joining(", "));
    }

    private static boolean idle(Thread t, StackTraceElement[] stack) {
        if (t.getName().equals("gradnotes-host-client") || t.getName().equals("Attach Listener")
                || t.getName().startsWith("Common-Cleaner") || t.getName().equals("process reaper")) {
            return true;
        }
        if (t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.BLOCKED) {
            return false;
        }
        return Arrays.stream(stack).anyMatch(f -> f.getMethodName().equals("getTask")     // pool worker
                || f.getMethodName().equals("awaitWork"));                              // fork-join worker
    }

    private static String readLine(SocketChannel channel) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (channel.read(one) < 0) {
                return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.UTF_8);
            }
            if (one.get(0) == '\n') {
                return bytes.toString(StandardCharsets.UTF_8);
            }
            bytes.write(one.get(0));
        }
    }

    private static void write(SocketChannel channel, String text) {
        try {
            ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } catch (IOException e) {
            // the client is gone; the watcher ends the host
        }
    }

    private static void log(String message) {
        System.err.printf("[gradnotes.kernel.Host %d] %s%n", ProcessHandle.current().pid(), message);
    }
}
