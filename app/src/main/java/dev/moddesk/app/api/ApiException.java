package dev.moddesk.app.api;

import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Why a call to the admin API failed, typed so the console can tell a person what happened: the server answered
 * with a problem, could not be reached, failed the TLS handshake, timed out, was cancelled, speaks another API
 * version, or sent something the client cannot read. The message is English for logs; what a person reads is phrased
 * from {@link #kind()} and the typed members by {@code core/ErrorMessages}, in the UI language.
 */
public final class ApiException extends RuntimeException {

    public enum Kind { PROBLEM, UNREACHABLE, TLS, TIMEOUT, CANCELLED, INCOMPATIBLE, BAD_RESPONSE, INVALID_URL, CA_FILE,
        /** A media URL the console will not fetch (see {@link MediaAddresses}); nothing was requested. */
        MEDIA_HOST_REFUSED }

    /** For {@link Kind#TLS}: what was wrong with the secure connection, as far as the console can tell. */
    public enum TlsProblem {
        /** The certificate chains to no CA this console trusts (neither the system store nor the profile's CA). */
        UNTRUSTED,
        /** The certificate is valid but issued for another host name or address than the one the console used. */
        WRONG_HOST,
        /** The certificate (or one in its chain) has expired or is not valid yet. */
        EXPIRED,
        /** Anything else: no TLS on that port, no common protocol or cipher, a broken handshake. */
        OTHER
    }

    private final Kind kind;
    private final Problem problem;
    private final Long retryAfterSeconds;
    private final Integer serverApiVersion;
    private final String lowerLayerDetail;
    private final TlsProblem tlsProblem;

    private ApiException(Kind kind, String message, Problem problem, Long retryAfterSeconds, Integer serverApiVersion,
                         String lowerLayerDetail, Throwable cause) {
        this(kind, message, problem, retryAfterSeconds, serverApiVersion, lowerLayerDetail, null, cause);
    }

    private ApiException(Kind kind, String message, Problem problem, Long retryAfterSeconds, Integer serverApiVersion,
                         String lowerLayerDetail, TlsProblem tlsProblem, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
        this.serverApiVersion = serverApiVersion;
        this.lowerLayerDetail = lowerLayerDetail;
        this.tlsProblem = tlsProblem;
    }

    public static ApiException problem(Problem problem, Long retryAfterSeconds) {
        String text = problem.detail() != null && !problem.detail().isBlank() ? problem.detail() : problem.title();
        if (text == null || text.isBlank()) {
            text = "HTTP " + problem.status();
        }
        return new ApiException(Kind.PROBLEM, text, problem, retryAfterSeconds, null, null, null);
    }

    public static ApiException of(Kind kind, String message, Throwable cause) {
        return new ApiException(kind, message, null, null, null, null, cause);
    }

    /** The TLS handshake failed; {@code detail} is what the TLS layer said (shown as a technical detail). */
    public static ApiException tls(String detail, Throwable cause) {
        return tls(TlsProblem.OTHER, detail, cause);
    }

    /**
     * The TLS handshake failed for {@code problem}; {@code detail} is what the TLS layer said, or for
     * {@link TlsProblem#WRONG_HOST} the host name the console connected to.
     */
    public static ApiException tls(TlsProblem problem, String detail, Throwable cause) {
        return new ApiException(Kind.TLS, "Secure connection failed (" + problem + "): " + detail, null, null, null,
                detail, problem, cause);
    }

    /** The private CA file of a server profile cannot be used; {@code fileName} is shown, the message is logged. */
    public static ApiException caFile(String fileName, String message, Throwable cause) {
        return new ApiException(Kind.CA_FILE, message, null, null, null, fileName, cause);
    }

    /**
     * The server speaks another API version than {@code consoleVersion}; {@code serverVersion} is null when it has no
     * version route at all (not a ModDesk server, or one too old to say).
     */
    public static ApiException incompatible(int consoleVersion, Integer serverVersion, Throwable cause) {
        String message = serverVersion == null
                ? "This server does not offer ModDesk API version " + consoleVersion + " (no /api/v1/info)"
                : "Incompatible server version: the server speaks API " + serverVersion + ", this console speaks "
                        + consoleVersion;
        return new ApiException(Kind.INCOMPATIBLE, message, null, null, serverVersion, null, cause);
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    /** The stable problem type, when the server answered with a known one. */
    public Optional<ProblemType> problemType() {
        return problem().flatMap(p -> ProblemType.fromUri(p.type()));
    }

    public boolean is(ProblemType type) {
        return problemType().filter(type::equals).isPresent();
    }

    /** For {@link Kind#INCOMPATIBLE}: the API version the server speaks, empty when it did not say. */
    public OptionalInt serverApiVersion() {
        return serverApiVersion == null ? OptionalInt.empty() : OptionalInt.of(serverApiVersion);
    }

    /**
     * For {@link Kind#TLS}: what the TLS layer said, untranslated (a technical detail, not a sentence), or the host
     * name for {@link TlsProblem#WRONG_HOST}; for {@link Kind#CA_FILE}: the file's name.
     */
    public Optional<String> lowerLayerDetail() {
        return Optional.ofNullable(lowerLayerDetail);
    }

    /** For {@link Kind#TLS}: what was wrong ({@link TlsProblem#OTHER} when the console cannot tell). */
    public TlsProblem tlsProblem() {
        return tlsProblem == null ? TlsProblem.OTHER : tlsProblem;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }

    /** Unwraps the {@link java.util.concurrent.CompletionException} layers futures add. */
    public static Optional<ApiException> find(Throwable error) {
        Throwable t = error;
        while (t != null) {
            if (t instanceof ApiException api) {
                return Optional.of(api);
            }
            t = t.getCause();
        }
        return Optional.empty();
    }
}
