package gradnotes.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.shaded.org.zeromq.ZMQ;

/**
 * A shell channel whose thread waits in the socket's poll, so a request is read as soon as it
 * arrives. JJava's {@link ShellChannel} polls without waiting and then sleeps 50 ms, so a request
 * that comes during the sleep (every queued cell of a Run All comes right after the previous
 * reply) waits for the rest of it. Requests are handled as JJava handles them: by the handler
 * the kernel registered for their type, on this channel's one thread, one at a time.
 */
final class PromptShellChannel extends ShellChannel {
    /** How long one poll waits: how soon the thread sees that the channel is closing. */
    private static final long POLL_MS = 50;

    private final JupyterConnection connection;
    private volatile boolean open;
    private Thread loop;

    PromptShellChannel(ZMQ.Context context, HMACGenerator hmac, JupyterConnection connection) {
        super(context, hmac, false, connection);
        this.connection = connection;
    }

    @Override
    public void bind(KernelConnectionProperties properties) {
        if (loop != null) {
            throw new IllegalStateException("the shell channel is bound already");
        }
        String address = formatAddress(properties.getTransport(), properties.getIp(), properties.getShellPort());
        logger.debug("Binding the shell channel to {}.", address);
        bind(address);
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        open = true;
        loop = new Thread(() -> {
            while (open) {
                if (poller.poll(POLL_MS) > 0 && open) {
                    handle(readMessage());
                }
            }
            poller.close();
        }, "Shell-prompt");
        loop.start();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handle(Message<?> message) {
        ShellHandler handler = connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            logger.warn("No handler for {}", message.getHeader().getType().getName());
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
        try {
            handler.handle(env, message);
        } catch (Exception e) {
            logger.warn("Handling {} failed: {}", message.getHeader().getType().getName(), e.toString());
        } finally {
            env.resolveDeferrals();
        }
        if (env.isMarkedForShutdown()) {
            connection.close();
        }
    }

    /** Stops the thread (at once if it is the caller, else within one poll) before closing the socket. */
    @Override
    public void close() {
        open = false;
        if (loop != null && loop != Thread.currentThread()) {
            waitUntilClose();
        }
        super.close();
    }

    @Override
    public void waitUntilClose() {
        if (loop != null) {
            try {
                loop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
