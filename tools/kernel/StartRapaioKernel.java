import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;

/**
 * Starts rapaio-jupyter-kernel as its own main class does, without its start-up race.
 *
 * <p>The kernel binds its sockets and starts the threads that read them before it fills in the table of
 * message handlers. A client that asks at once (Jupyter sends {@code kernel_info_request} as soon as it
 * can connect) may reach the shell thread while the table is still null; that thread then dies with a
 * NullPointerException and the kernel never answers: the notebook shows a kernel stuck in "starting".
 * Here the table starts out as a stand-in that makes such an early message wait until the kernel has
 * finished connecting, and then hands it to the real handler.
 *
 * <p>Compiled against the pinned kernel jar by {@code tools/install-kernel.sh}; the kernelspec runs it
 * with that jar on the class path.
 */
public final class StartRapaioKernel {
    public static void main(String[] args) throws Exception {
        if (args.length != 1) throw new IllegalArgumentException("usage: StartRapaioKernel <connection file>");
        LogManager.getLogManager().readConfiguration(MainApp.class.getClassLoader().getResourceAsStream("logging.properties"));
        ConnectionProperties properties = Transform.fromJson(Files.readString(Path.of(args[0])), ConnectionProperties.class);
        Channels channels = new Channels(properties);
        CountDownLatch connected = new CountDownLatch(1);
        Field handlers = Channels.class.getDeclaredField("handlers");
        handlers.setAccessible(true);
        handlers.set(channels, new AbstractMap<Object, Object>() {
            @Override public Object get(Object type) {
                try {
                    connected.await();
                    return ((Map<?, ?>) handlers.get(channels)).get(type);
                } catch (InterruptedException | IllegalAccessException e) {
                    throw new IllegalStateException("the kernel did not finish connecting", e);
                }
            }

            @Override public Set<Entry<Object, Object>> entrySet() {
                return Set.of();
            }
        });
        channels.connect(MainApp.kernel);
        connected.countDown();
        channels.joinUntilClose();
    }
}
