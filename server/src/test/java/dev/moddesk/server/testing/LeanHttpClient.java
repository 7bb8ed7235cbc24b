package dev.moddesk.server.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A lean blocking HTTP/1.1 client over one keep-alive socket, for the benchmarks' load generators: GET, POST and
 * the request headers the console sends, {@code Accept-Encoding: gzip} unless told not to (gzip bodies are inflated, as OkHttp
 * does for the console), Content-Length or chunked bodies. It keeps the client's CPU small because the load
 * generator shares the machine's cores with the server and PostgreSQL. Not thread-safe: one per load thread.
 */
public final class LeanHttpClient implements AutoCloseable {

    /** A response: status, the ETag and Content-Encoding headers (null when absent), and the (inflated) body. */
    public record Response(int status, String etag, boolean gzipped, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final byte[] NO_BODY = new byte[0];

    private final String host;
    private final int port;
    private final String authorization;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private final int timeoutMillis;
    private final boolean acceptGzip;

    /** {@code bearer} is a session token or a platform key; null sends no Authorization header. */
    public LeanHttpClient(String baseUrl, String bearer) {
        this(baseUrl, bearer, 60_000, true);
    }

    /** With a read timeout of its own: an ingest batch of 500 can take minutes on a saturated machine. */
    public LeanHttpClient(String baseUrl, String bearer, int timeoutMillis) {
        this(baseUrl, bearer, timeoutMillis, true);
    }

    /**
     * {@code acceptGzip} false leaves out {@code Accept-Encoding}, so the server writes every answer uncompressed (the
     * in-process review benchmark measures that path).
     */
    public LeanHttpClient(String baseUrl, String bearer, int timeoutMillis, boolean acceptGzip) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.authorization = bearer == null ? null : "Bearer " + bearer;
        this.timeoutMillis = timeoutMillis;
        this.acceptGzip = acceptGzip;
    }

    public Response get(String path) throws IOException {
        return send("GET", path, Map.of(), null);
    }

    public Response post(String path, byte[] json) throws IOException {
        return send("POST", path, Map.of(), json);
    }

    public Response post(String path, Map<String, String> headers, byte[] json) throws IOException {
        return send("POST", path, headers, json);
    }

    private Response send(String method, String path, Map<String, String> headers, byte[] json) throws IOException {
        byte[] body = json == null ? NO_BODY : json;
        StringBuilder head = new StringBuilder(320).append(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
                .append("\r\nAccept: application/json\r\n");
        if (acceptGzip) {
            head.append("Accept-Encoding: gzip\r\n");
        }
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (json != null || "POST".equals(method)) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(timeoutMillis);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }
        byte[] request = new byte[h.length + body.length];
        System.arraycopy(h, 0, request, 0, h.length);
        System.arraycopy(body, 0, request, h.length, body.length);
        out.write(request);
        out.flush();
        return read();
    }

    private Response read() throws IOException {
        String status = line();
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        boolean close = false;
        boolean gzip = false;
        String etag = null;
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            String name = l.substring(0, colon).trim();
            String value = l.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                close = true;
            } else if (name.equalsIgnoreCase("Content-Encoding") && value.equalsIgnoreCase("gzip")) {
                gzip = true;
            } else if (name.equalsIgnoreCase("ETag")) {
                etag = value;
            }
        }
        byte[] body;
        if (chunked) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                buf.write(in.readNBytes(size));
                line();
            }
            line();
            body = buf.toByteArray();
        } else {
            body = length < 0 ? NO_BODY : in.readNBytes(length);
        }
        if (close) {
            close();
        }
        if (gzip && body.length > 0) {
            try (GZIPInputStream unzip = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                body = unzip.readAllBytes();
            }
        }
        return new Response(code, etag, gzip, body);
    }

    private int chunkSize() throws IOException {
        String l = line();
        int semicolon = l.indexOf(';');
        return Integer.parseInt((semicolon < 0 ? l : l.substring(0, semicolon)).trim(), 16);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
