package dev.moddesk.server.platform;

import com.sun.net.httpserver.HttpServer;
import dev.moddesk.contract.platform.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A platform's webhook endpoint as a real HTTP server on an ephemeral port. It verifies every request with
 * {@link WebhookSignature} (401 on a bad signature), fails the first {@code failures} requests with 503, and records
 * what it accepted and how many requests for the same action were in flight at once.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(String actionId, String body, boolean signatureValid) {
    }

    private final HttpServer server;
    private volatile String secret;
    private final AtomicInteger failuresLeft;
    private final List<Received> requests = new CopyOnWriteArrayList<>();
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger maxInFlightPerAction = new AtomicInteger();
    private final Duration handlingTime;

    WebhookReceiver(int failures, Duration handlingTime) {
        this.failuresLeft = new AtomicInteger(failures);
        this.handlingTime = handlingTime;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", exchange -> {
            String actionId = exchange.getRequestHeaders().getFirst(WebhookSignature.ACTION_ID_HEADER);
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            AtomicInteger concurrent = inFlight.computeIfAbsent(actionId, id -> new AtomicInteger());
            maxInFlightPerAction.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            try {
                byte[] body = exchange.getRequestBody().readAllBytes();
                boolean valid = WebhookSignature.verify(secret,
                        exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body, Instant.now(),
                        WebhookSignature.DEFAULT_TOLERANCE);
                requests.add(new Received(actionId, new String(body, StandardCharsets.UTF_8), valid));
                if (!handlingTime.isZero()) {
                    Thread.sleep(handlingTime); // a slow receiver widens the window in which a double send would show
                }
                int status = !valid ? 401 : failuresLeft.getAndDecrement() > 0 ? 503 : 200;
                byte[] answer = (status == 200 ? "ok" : "not now").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(500, -1);
            } finally {
                concurrent.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    void secret(String secret) {
        this.secret = secret;
    }

    /** From now on, fails the next {@code failures} requests with 503 (0: accepts every validly signed one). */
    void failures(int failures) {
        failuresLeft.set(failures);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The Host header of every request, in order. */
    List<String> hosts() {
        return List.copyOf(hosts);
    }

    List<Received> requests() {
        return List.copyOf(requests);
    }

    List<Received> accepted() {
        return requests.stream().filter(Received::signatureValid).toList();
    }

    int maxInFlightPerAction() {
        return maxInFlightPerAction.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
