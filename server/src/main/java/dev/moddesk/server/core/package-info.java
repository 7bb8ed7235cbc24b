/**
 * The server core every feature builds on.
 *
 * <ul>
 *   <li>{@link dev.moddesk.server.core.Feature}: a feature registers its routes with the {@link
 *       dev.moddesk.server.core.Api} registry and may run background jobs in {@code start()}/{@code stop()}; add it
 *       to {@code ModDeskServer.standardFeatures()}. It is built from {@link dev.moddesk.server.core.Services}.</li>
 *   <li>{@link dev.moddesk.server.core.Api}: the one route registry; it enforces access, parses bodies, answers
 *       every error as problem+json and is the source of {@code /openapi.json}. Handlers get a
 *       {@link dev.moddesk.server.core.Call} and return a body, null (no content) or a
 *       {@link dev.moddesk.server.core.Reply}; they throw a keyed {@link dev.moddesk.server.core.ProblemException}
 *       ({@code keyed}, {@code invalid}: the detail is written in the caller's language).</li>
 *   <li>Access: {@link dev.moddesk.server.core.Access}; the credentials of each kind are checked by the
 *       {@link dev.moddesk.server.core.Authenticator} registered for it (STAFF by the session feature; PLATFORM
 *       by the platform feature, which returns {@code Principal.platform(keyName, address)}).</li>
 *   <li>{@link dev.moddesk.server.core.Database} (HikariCP + Flyway + JDBI, H2 or PostgreSQL), {@link
 *       dev.moddesk.server.core.Sql} helpers, {@link dev.moddesk.server.core.AuditLog} (write inside the change's
 *       transaction), {@link dev.moddesk.server.core.Json} (the one ObjectMapper).</li>
 * </ul>
 * Each feature keeps its SQL in one {@code *Store} class and its rules and transactions in a service; the
 * {@code *Feature} class only declares routes (ArchUnit checks this).
 */
package dev.moddesk.server.core;
