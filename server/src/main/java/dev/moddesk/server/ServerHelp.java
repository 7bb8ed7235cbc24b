package dev.moddesk.server;

import dev.moddesk.server.core.RetentionSettings;
import dev.moddesk.server.core.ServerConfig;
import java.nio.file.Path;

/** The server's {@code --help}: every option with its default, and the commands beside serving. */
final class ServerHelp {

    private ServerHelp() {
    }

    static String text(Path defaultDataDir) {
        return """
                Usage: java -jar moddesk-server.jar [options]
                       java -jar moddesk-server.jar admin create --username <name> --role <role>
                                                   [--display-name <text>] [database options]
                       java -jar moddesk-server.jar backup --to <zip> [--data-dir <path>]

                ModDesk reference admin API server.

                Options:
                  --port <n>             port to listen on; 0 picks a free port (default: %d)
                  --bind <address>       address to listen on (default: %s)
                  --db-url <jdbc-url>    database; a jdbc:postgresql: URL uses PostgreSQL
                                         (default: embedded H2 file database in the data folder)
                  --db-user <name>       database user (default: none; sa for the embedded database)
                  --db-password <pw>     database password (default: none)
                  --data-dir <path>      folder for the embedded database and sandbox files
                                         (default: %s)
                  --sandbox              seed sandbox accounts admin / ops / moderator and print their
                                         passwords, and run the platform simulator (default: off)
                  --sim-rate <n>         sandbox simulator events per second (default: %s)
                  --sim-chat-rate <n>    chat lines per second over all the simulated live rooms, up to
                                         50000; 0: no simulated rooms (default: %s)
                  --sim-hot-room-rate <n>
                                         extra lines per second in the hot room while it spikes (every 5
                                         minutes for a minute, or on POST /api/v1/sandbox/hot-room);
                                         0: no spikes (default: %s)
                  --no-sim               sandbox without the platform simulator
                  --login-limit-per-address <n>
                                         failed sign-ins allowed from one client address in 10 minutes,
                                         for all usernames together (default: %d; each username: 5)
                  --session-cache-seconds <n>
                                         how long a node trusts a staff session it has read before reading
                                         it again; sign-out, disabling, role, scope and password changes
                                         reach every node at once regardless (PostgreSQL: LISTEN/NOTIFY),
                                         this bounds a lost notification (default: 5; 0: no cache)
                  --allow-private-webhooks
                                         accept webhook endpoints on loopback, private and link-local
                                         addresses and over plain http, for a platform on this server's
                                         own network (default: off, public https endpoints only)
                  --tls-cert <pem>       serve HTTPS with this certificate chain (PEM, leaf first)
                  --tls-key <pem>        its private key (PEM: PKCS#8, PKCS#1 RSA or EC; not encrypted)
                                         (default: neither; plain HTTP, e.g. behind a TLS proxy)
                  --trusted-proxy <cidr> a reverse proxy's address range (IPv4 or IPv6, repeatable): only
                                         from these peers is X-Forwarded-For read for the client address
                                         (default: none; the peer's address is the client's)
                  --idempotency-retention <d>
                                         how long answers to idempotent review writes are kept for replay,
                                         at least as long as a console may stay offline: days, or an
                                         ISO-8601 duration such as P7D or PT36H (default: 7 days)
                  --held-deadline-minutes <n>
                                         how long a message the platform held for review waits for staff
                                         before it is dropped (default: 10)
                  --media-dir <path>     folder of uploaded application videos and posters
                                         (default: media in the data folder)
                  --media-max-bytes <n>  largest media upload in bytes (default: 67108864, 64 MB)
                  --media-host <host>    a host of a platform that serves its own media over https; the
                                         console plays media URLs on listed hosts only (repeatable)
                Retention (the job prunes older data every 10 minutes on each node):
                  --retention-audit-days <n>
                                         audit log and the evidence in it (default: %d; never less
                                         than %d: China's Cybersecurity Law art. 21, six months)
                  --retention-held-messages-days <n>
                                         held and flagged chat messages, and chat lines on the
                                         NATS stream (--nats-url) (default: %d)
                  --retention-media-days <n>
                                         application videos and posters, from the decision (default: %d)
                  --retention-webhook-deliveries-days <n>
                                         finished webhook deliveries (default: %d)
                  --retention-ingest-events-days <n>
                                         ids of applied platform events; an older replay applies again
                                         (default: %d)
                  --nats-url <url>       NATS JetStream for live rooms, shared by every server node, e.g.
                                         nats://127.0.0.1:4222 (default: none; rooms stay in this process)
                  --exit-on-stdin-eof    stop when standard input reaches end of file (default: off)
                  --help, -h             show this help and exit
                  --version              show the version and exit

                Commands:
                  admin create           create a staff account in the database that --db-url (or the
                                         embedded database in --data-dir) names, e.g. the first admin:
                    --username <name>    3-32 lower-case letters, digits, '.', '-' or '_'
                    --role <role>        MODERATOR, OPS or ADMIN
                    --display-name <t>   the name others see (default: the username)
                                         The password is asked twice on a terminal, or read as the first
                                         line of standard input. The audit log names the creator "cli".

                  backup --to <zip>      copy the embedded H2 database (in --data-dir, or the H2 file
                                         --db-url names) into a zip while no server has it open; a
                                         running server backs up online: POST /api/v1/lifecycle/backups.
                                         PostgreSQL: pg_dump (docs/backup.md)

                Exit codes: 0 stopped normally, 1 could not start, 2 bad command line.
                """.formatted(ServerConfig.DEFAULT_PORT, ServerConfig.DEFAULT_BIND, defaultDataDir,
                        ServerConfig.DEFAULT_SIM_RATE, fmt(ServerConfig.Rooms.DEFAULT_SIM_CHAT_RATE),
                        fmt(ServerConfig.Rooms.DEFAULT_SIM_HOT_ROOM_RATE), ServerConfig.DEFAULT_LOGIN_LIMIT_PER_ADDRESS,
                        RetentionSettings.defaults().auditLog().toDays(), RetentionSettings.AUDIT_MINIMUM.toDays(),
                        RetentionSettings.defaults().heldMessages().toDays(),
                        RetentionSettings.defaults().decidedMedia().toDays(),
                        RetentionSettings.defaults().webhookDeliveries().toDays(),
                        RetentionSettings.defaults().ingestEvents().toDays());
    }

    private static String fmt(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
