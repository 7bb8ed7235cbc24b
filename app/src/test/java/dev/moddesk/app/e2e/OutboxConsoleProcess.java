package dev.moddesk.app.e2e;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.SessionApi;
import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.review.DecisionOutbox;
import dev.moddesk.app.review.OutboxEntry;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.QueueFilter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The console side of {@link OutboxSurvivesCrashesTest}, as its own process so the test can kill it: a moderator who
 * decides every pending application through the durable outbox, as the console does, and keeps trying while the
 * server is away. After a restart it reads what the outbox left on disk and goes on from there.
 *
 * <p>Prints one line per step: {@code loaded N}, {@code submitted <id>} once a decision is on disk, {@code waiting}
 * while the server does not answer, and at the end {@code confirmed N failed M}.
 * Arguments: server URL, username, password, outbox folder, at most how many decisions to make in this run (then it
 * prints {@code paused} and waits to be killed).
 */
public final class OutboxConsoleProcess {
    private OutboxConsoleProcess() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        String url = args[0];
        String username = args[1];
        String password = args[2];
        Path outboxDir = Path.of(args[3]);
        int limit = Integer.parseInt(args[4]);

        ApiClient client = new ApiClient(ApiClient.parseServerUrl(url), ApiClient.defaultHttpClient(), Json.mapper());
        ReviewApi review = new ReviewApi(client);
        try (DecisionOutbox outbox = new DecisionOutbox(outboxDir, review, Runnable::run, Clock.systemUTC(),
                Duration.ofMillis(200), Duration.ofSeconds(1))) {
            Set<Long> decided = new HashSet<>();
            outbox.start().forEach(e -> decided.add(e.applicationId()));
            out.println("loaded " + decided.size());
            boolean signedIn = false;
            int submitted = 0;
            boolean queueDone = false;
            while (!queueDone && submitted < limit) {
                try {
                    if (!signedIn) {
                        new SessionApi(client).login(username, password).get(30, TimeUnit.SECONDS);
                        signedIn = true;
                        outbox.retryNow();
                    }
                    List<ApplicationSummary> open = review.queue(QueueFilter.all(), null, 100).get(30, TimeUnit.SECONDS)
                            .items().stream().filter(a -> !decided.contains(a.id())).toList();
                    queueDone = open.isEmpty();   // what is left is decided here, maybe not sent yet
                    for (ApplicationSummary a : open) {
                        if (submitted == limit) {
                            break;
                        }
                        review.claim(a.id()).get(30, TimeUnit.SECONDS);
                        ApplicationDetail d = review.application(a.id()).get(30, TimeUnit.SECONDS);
                        DecisionRequest decision = a.id() % 2 == 0
                                ? new DecisionRequest(DecisionKind.APPROVE, null, null, null)
                                : new DecisionRequest(DecisionKind.REJECT, "OFF_TOPIC", null, null);
                        outbox.submitDecision(d.id(), d.version(), decision).awaitDurable();
                        decided.add(d.id());
                        submitted++;
                        out.println("submitted " + d.id());
                    }
                } catch (Exception e) {
                    if (ApiException.find(e).map(x -> x.problem().map(p -> p.status() == 401).orElse(false)).orElse(false)) {
                        signedIn = false;
                    }
                    out.println("waiting " + e);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
                }
            }
            if (!queueDone) {
                out.println("paused");   // the test kills this process now
                LockSupport.park();
            }
            while (outbox.pendingCount() > 0) {
                if (!signedIn) {
                    try {
                        new SessionApi(client).login(username, password).get(30, TimeUnit.SECONDS);
                        signedIn = true;
                        outbox.retryNow();
                    } catch (Exception e) {
                        out.println("waiting " + e);
                    }
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
            long confirmed = outbox.entries().stream().filter(e -> e.state() == OutboxEntry.SyncState.CONFIRMED).count();
            long failed = outbox.entries().stream().filter(e -> e.state() == OutboxEntry.SyncState.FAILED).count();
            out.println("confirmed " + confirmed + " failed " + failed);
        }
        System.exit(0);
    }
}
