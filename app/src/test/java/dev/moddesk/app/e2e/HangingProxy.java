package dev.moddesk.app.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy in front of the real server that can make it look hung, as a server stuck in a long GC pause or a
 * dead-locked pool does: connections are still accepted and requests still go in, but no answer comes back. While
 * {@link #hang hung}, every byte in either direction waits; {@link #resume} drops the connections that waited (their
 * requests may or may not have reached the server, as after a real hang) and forwards again.
 */
final class HangingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Set<Socket> waited = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resumed = lock.newCondition();
    private boolean hung;

    private HangingProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("hanging-proxy-accept").start(this::acceptLoop);
    }

    /** A proxy for the server at {@code url} (http://host:port). */
    static HangingProxy to(String url) throws IOException {
        URI uri = URI.create(url);
        return new HangingProxy(new InetSocketAddress(uri.getHost(), uri.getPort()));
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** From now on nothing is forwarded: the server seems to hang. */
    void hang() {
        lock.lock();
        try {
            hung = true;
        } finally {
            lock.unlock();
        }
    }

    /** The server seems back: connections that waited are dropped, everything else flows again. */
    void resume() {
        lock.lock();
        try {
            hung = false;
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Socket s : waited) {
            closeQuietly(s);
        }
        waited.clear();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(target, 5_000);
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pump(client, server));
                Thread.ofVirtual().start(() -> pump(server, client));
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!awaitForwarding(from, to)) {
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // a side closed, or the connection was dropped on resume
        } finally {
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    /** Waits while hung; false when this connection waited and must be dropped. */
    private boolean awaitForwarding(Socket from, Socket to) throws InterruptedException {
        lock.lock();
        try {
            if (!hung) {
                return true;
            }
            waited.add(from);
            waited.add(to);
            while (hung && !from.isClosed()) {
                resumed.await();
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        resume();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
