package org.rapaio.jupyter.kernel.channels;

/**
 * Stands in for rapaio-jupyter-kernel's class of the same name, to close a start-up race (the kernelspec
 * puts this class ahead of the kernel jar on the class path; see {@code StartRapaioKernel}). The
 * kernel's own version marks its loop as running only after it has started the thread, so a thread that
 * is scheduled at once finds the loop not running and ends, and its socket is never read again: the
 * kernel binds its sockets and then never answers. Here the loop is marked running before the thread starts.
 *
 * <p>Same constructor and methods as the class it replaces: run {@code body}, pause, repeat, until
 * {@link #shutdown()} or an interrupt.
 */
public final class LoopThread extends Thread {
    private final long pauseMillis;
    private final Runnable body;
    private volatile boolean running;

    public LoopThread(String name, long pauseMillis, Runnable body) {
        super(name);
        this.pauseMillis = pauseMillis;
        this.body = body;
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }

    @Override
    public void run() {
        try {
            while (running) {
                body.run();
                Thread.sleep(pauseMillis);
            }
        } catch (InterruptedException e) {
            running = false;
        }
    }
}
