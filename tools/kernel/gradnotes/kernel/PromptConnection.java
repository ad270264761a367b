package gradnotes.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.dflib.jjava.shaded.org.zeromq.ZMQ;

import java.security.GeneralSecurityException;

/**
 * JJava's connection to the front end with its shell channel, the one that carries every cell,
 * replaced by a {@link PromptShellChannel}. Heartbeat, control, stdin and iopub are JJava's own.
 * The shell channel JJava made is never bound (nothing listens on it) and is closed with the rest.
 */
final class PromptConnection extends JupyterConnection {
    private final KernelConnectionProperties properties;
    private final ZMQ.Context context = ZMQ.context(1);
    private final PromptShellChannel promptShell;

    PromptConnection(KernelConnectionProperties properties) throws GeneralSecurityException {
        super(properties);
        this.properties = properties;
        this.promptShell = new PromptShellChannel(context, properties.createHMACGenerator(), this);
    }

    @Override
    public void connect() {
        heartbeat.bind(properties);
        promptShell.bind(properties);
        control.bind(properties);
        stdin.bind(properties);
        iopub.bind(properties);
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
    }

    @Override
    public void close() {
        promptShell.close();
        context.close();
        super.close();
    }

    @Override
    public void waitUntilClose() {
        promptShell.waitUntilClose();
        super.waitUntilClose();
    }
}
