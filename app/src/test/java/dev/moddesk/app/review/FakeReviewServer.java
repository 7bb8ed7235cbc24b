package dev.moddesk.app.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.Json;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.Answer;
import dev.moddesk.contract.review.Applicant;
import dev.moddesk.contract.review.ApplicantHistory;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.BulkDecisionItem;
import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.BulkDecisionResult;
import dev.moddesk.contract.review.BulkItemOutcome;
import dev.moddesk.contract.review.Circle;
import dev.moddesk.contract.review.CircleQuestion;
import dev.moddesk.contract.review.ClaimInfo;
import dev.moddesk.contract.review.DecisionInfo;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.DecisionResult;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.QueueHealth;
import dev.moddesk.contract.review.ReasonCode;
import dev.moddesk.contract.review.TextSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * An in-memory stand-in for the review server's rules (claims with leases, versions, idempotency keys, undo window,
 * bulk), reachable directly (for synchronous view-model tests) or over HTTP through {@link #dispatcher()}.
 * Staff are identified by their bearer token, which is simply their name. It answers as the server does where a
 * test can tell: a decision's checks run in the server's order (key, If-Match, stored answer, application, holder,
 * version, status, own claim) and idempotency keys belong to one staff member.
 */
public final class FakeReviewServer {

    public static final Duration LEASE = Duration.ofMinutes(5);
    public static final Duration UNDO_WINDOW = Duration.ofSeconds(10);

    private final ObjectMapper json = Json.mapper();
    private final Map<Long, App> apps = new LinkedHashMap<>();
    /** Stored answers by staff member and key, as the server keeps them: two moderators may use the same key. */
    private final Map<StaffKey, Stored> idempotency = new HashMap<>();
    private final List<ReasonCode> reasonCodes = new ArrayList<>();
    private final Circle circle;
    private Instant now = Instant.parse("2026-11-24T12:00:00Z");

    /** How many times each application really changed status through a decision (exactly-once checks). */
    private final Map<Long, Integer> decisionsApplied = new ConcurrentHashMap<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private final Set<String> loseResponseFor = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger loseBulkResponses = new java.util.concurrent.atomic.AtomicInteger();
    private final Set<Long> unavailable = ConcurrentHashMap.newKeySet();
    private final List<String> requestLog = new ArrayList<>();

    private static final class App {
        long id;
        int version = 1;
        ApplicationStatus status = ApplicationStatus.PENDING;
        Applicant applicant;
        JoinMode mode;
        List<Answer> answers;
        Instant submittedAt;
        int risk;
        String holder;
        Instant until;
        DecisionInfo decision;
        dev.moddesk.contract.review.VideoSubmission video;
        final Map<String, Instant> viewers = new HashMap<>();
    }

    private record Stored(String fingerprint, DecisionResult result) {
    }

    private record StaffKey(String staff, String key) {
    }

    public FakeReviewServer() {
        circle = new Circle(7, "c-7", "成都徒步", "成都", "hiking", JoinMode.EITHER,
                List.of(new CircleQuestion(1, "为什么想加入？"), new CircleQuestion(2, "最近一次徒步去了哪里？")),
                120, "老王");
        String[] codes = {"SPAM", "OFF_TOPIC", "AD", "LOW_EFFORT", "DUPLICATE"};
        for (int i = 0; i < codes.length; i++) {
            reasonCodes.add(new ReasonCode(codes[i], Map.of("en", codes[i].toLowerCase().replace('_', ' '),
                    "zh-CN", "原因" + (i + 1)), Map.of("en", "Sorry {nickname}", "zh-CN", "抱歉 {nickname}"), 7,
                    null, i + 1, true, 1));
        }
    }

    public synchronized long addApplication(String nickname, String answer) {
        App a = new App();
        a.id = apps.size() + 101;
        a.applicant = new Applicant("u-" + a.id, nickname, "成都", now.minus(Duration.ofDays(30)));
        a.mode = JoinMode.QUESTIONS;
        int hit = answer.indexOf("加微信");
        a.answers = List.of(new Answer(1, "为什么想加入？", answer,
                hit >= 0 ? List.of(new TextSpan(hit, hit + 3, "加微信")) : List.of()),
                new Answer(2, "最近一次徒步去了哪里？", "青城山", List.of()));
        a.submittedAt = now.minus(Duration.ofMinutes(60 - apps.size()));
        a.risk = hit >= 0 ? 60 : 5;
        apps.put(a.id, a);
        return a.id;
    }

    public Circle circle() {
        return circle;
    }

    // ---- knobs for tests -------------------------------------------------------------------------------------

    public void setDown(boolean isDown) {
        down.set(isDown);
    }

    /** The next decision with this application id is applied, but its answer never reaches the client. */
    public void loseResponseOnce(long applicationId) {
        loseResponseFor.add(String.valueOf(applicationId));
    }

    /** The next {@code n} bulk decisions are applied, but their answers never reach the client. */
    public void loseBulkResponses(int n) {
        loseBulkResponses.set(n);
    }

    /** Requests about this application (a bulk decision naming it included) are answered 503 while it is set. */
    public void setUnavailable(long applicationId, boolean isUnavailable) {
        if (isUnavailable) {
            unavailable.add(applicationId);
        } else {
            unavailable.remove(applicationId);
        }
    }

    /** The server drops every stored answer, as after its idempotency retention. */
    public synchronized void forgetIdempotencyKeys() {
        idempotency.clear();
    }

    /** The staff id the server gives a staff member (decisions on record carry it). */
    public static long staffId(String staff) {
        return 1000L + Math.floorMod(staff.hashCode(), 1000);
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    public synchronized Instant now() {
        return now;
    }

    public int decisionsApplied(long id) {
        return decisionsApplied.getOrDefault(id, 0);
    }

    public synchronized ApplicationStatus status(long id) {
        return apps.get(id).status;
    }

    public synchronized Optional<String> holder(long id) {
        App a = apps.get(id);
        return a.holder != null && a.until.isAfter(now) ? Optional.of(a.holder) : Optional.empty();
    }

    public synchronized void setVideo(long id, dev.moddesk.contract.review.VideoSubmission video) {
        App a = apps.get(id);
        a.video = video;
        a.mode = JoinMode.VIDEO;
    }

    public synchronized void touch(long id) {
        apps.get(id).version++;
    }

    public synchronized List<String> requestLog() {
        return List.copyOf(requestLog);
    }

    // ---- the rules ---------------------------------------------------------------------------------------------

    public synchronized Page<ApplicationSummary> queue(QueueFilter filter) {
        QueueFilter f = filter == null ? QueueFilter.all() : filter;
        Comparator<App> order = "risk".equals(f.sort())
                ? Comparator.comparingInt((App a) -> -a.risk) : Comparator.comparing((App a) -> a.submittedAt);
        return new Page<>(apps.values().stream()
                .filter(a -> a.status == ApplicationStatus.PENDING)
                .filter(a -> f.query() == null || a.applicant.nickname().contains(f.query())
                        || a.answers.stream().anyMatch(x -> x.text().contains(f.query())))
                .filter(a -> f.minRisk() == null || a.risk >= f.minRisk())
                .filter(a -> f.mode() == null || a.mode == f.mode())
                .sorted(order)
                .map(this::summary).toList(), null);
    }

    public synchronized ApplicationDetail detail(String staff, long id) {
        App a = find(id);
        a.viewers.entrySet().removeIf(v -> v.getValue().isBefore(now.minusSeconds(30)));
        List<String> viewers = a.viewers.keySet().stream().filter(v -> !v.equals(staff)).sorted().toList();
        return new ApplicationDetail(a.id, a.version, circle, a.applicant, a.status, a.mode, a.answers, a.video,
                a.submittedAt, a.risk, List.of(), claimOf(a), viewers, a.decision);
    }

    public synchronized ClaimInfo claim(String staff, long id) {
        App a = find(id);
        if (a.status != ApplicationStatus.PENDING) {
            throw problem(ProblemType.CONFLICT, "not pending", Map.of());
        }
        heldByOther(a, staff);
        a.holder = staff;
        a.until = now.plus(LEASE);
        return claimOf(a);
    }

    public synchronized Optional<ApplicationDetail> claimNext(String staff, QueueFilter filter) {
        for (ApplicationSummary s : queue(filter).items()) {
            App a = apps.get(s.id());
            if (a.holder == null || a.until.isBefore(now)) {
                claim(staff, a.id);
                return Optional.of(detail(staff, a.id));
            }
        }
        return Optional.empty();
    }

    public synchronized void release(String staff, long id) {
        App a = find(id);
        if (staff.equals(a.holder)) {
            a.holder = null;
            a.until = null;
        }
    }

    public synchronized void presence(String staff, long id) {
        find(id).viewers.put(staff, now);
    }

    /** Another moderator takes the application (as if they had claimed it in their own console). */
    public synchronized void claimAs(String staff, long id) {
        App a = find(id);
        a.holder = staff;
        a.until = now.plus(LEASE);
    }

    public synchronized DecisionResult decide(String staff, long id, Integer ifMatch, String key, DecisionRequest r) {
        if (key == null || key.isBlank()) {
            throw problem(ProblemType.BAD_REQUEST, "Idempotency-Key is required", Map.of());
        }
        if (ifMatch == null) {
            throw problem(ProblemType.PRECONDITION_REQUIRED, "send If-Match", Map.of());
        }
        String fingerprint = "decide:" + id + ":" + ifMatch + ":" + r;
        Stored stored = idempotency.get(new StaffKey(staff, key));
        if (stored != null) {
            if (!stored.fingerprint.equals(fingerprint)) {
                throw problem(ProblemType.IDEMPOTENCY_KEY_REUSED, "key reused", Map.of());
            }
            return stored.result;
        }
        App a = find(id);
        heldByOther(a, staff); // before the version, as on the server: "who holds it" is what the moderator can act on
        if (ifMatch != a.version) {
            throw problem(ProblemType.PRECONDITION_FAILED, "version is " + a.version, Map.of());
        }
        if (a.status != ApplicationStatus.PENDING || !staff.equals(a.holder) || a.until.isBefore(now)) {
            throw problem(ProblemType.CONFLICT, "claim it first", Map.of());
        }
        DecisionResult result = apply(staff, a, r);
        idempotency.put(new StaffKey(staff, key), new Stored(fingerprint, result));
        return result;
    }

    private DecisionResult apply(String staff, App a, DecisionRequest r) {
        a.status = switch (r.kind()) {
            case APPROVE -> ApplicationStatus.APPROVED;
            case REJECT -> ApplicationStatus.REJECTED;
            case NEEDS_INFO -> ApplicationStatus.NEEDS_INFO;
        };
        a.version++;
        Instant undoable = now.plus(UNDO_WINDOW);
        a.decision = new DecisionInfo(r.kind(), r.reasonCode(), r.note(), staffId(staff), staff, now, undoable);
        a.holder = null;
        decisionsApplied.merge(a.id, 1, Integer::sum);
        return new DecisionResult(a.id, a.status, a.version, undoable,
                r.kind() == DecisionKind.REJECT ? "抱歉 " + a.applicant.nickname() : null);
    }

    public synchronized DecisionResult undo(String staff, long id, String key) {
        if (key == null || key.isBlank()) {
            throw problem(ProblemType.BAD_REQUEST, "Idempotency-Key is required", Map.of());
        }
        String fingerprint = "undo:" + id;
        Stored stored = idempotency.get(new StaffKey(staff, key));
        if (stored != null) {
            if (!stored.fingerprint.equals(fingerprint)) {
                throw problem(ProblemType.IDEMPOTENCY_KEY_REUSED, "key reused", Map.of());
            }
            return stored.result;
        }
        App a = find(id);
        if (a.decision == null || a.status == ApplicationStatus.PENDING
                || !a.decision.decidedAt().plus(UNDO_WINDOW).isAfter(now)) {
            throw problem(ProblemType.CONFLICT, "undo window passed", Map.of());
        }
        a.status = ApplicationStatus.PENDING;
        a.version++;
        a.decision = null;
        a.holder = staff;
        a.until = now.plus(LEASE);
        decisionsApplied.merge(a.id, -1, Integer::sum);
        DecisionResult result = new DecisionResult(a.id, a.status, a.version, null, null);
        idempotency.put(new StaffKey(staff, key), new Stored(fingerprint, result));
        return result;
    }

    public synchronized BulkDecisionResult bulk(String staff, BulkDecisionRequest request) {
        List<BulkItemOutcome> outcomes = new ArrayList<>();
        for (BulkDecisionItem item : request.items()) {
            try {
                App a = find(item.applicationId());
                Stored stored = idempotency.get(new StaffKey(staff, item.idempotencyKey()));
                if (stored == null) {
                    if (a.status == ApplicationStatus.PENDING) {
                        heldByOther(a, staff);
                        a.holder = staff;
                        a.until = now.plus(LEASE);
                    }
                }
                outcomes.add(new BulkItemOutcome(item.applicationId(),
                        decide(staff, item.applicationId(), item.version(), item.idempotencyKey(),
                                request.decision()), null));
            } catch (ApiException e) {
                outcomes.add(new BulkItemOutcome(item.applicationId(), null, e.problem().orElseThrow()));
            }
        }
        return new BulkDecisionResult(outcomes);
    }

    public synchronized List<ReasonCode> reasonCodes() {
        return reasonCodes.stream().filter(ReasonCode::active).toList();
    }

    public synchronized List<ReasonCode> allReasonCodes() {
        return List.copyOf(reasonCodes);
    }

    public synchronized ReasonCode updateReasonCode(ReasonCode code, Integer ifMatch) {
        for (int i = 0; i < reasonCodes.size(); i++) {
            ReasonCode old = reasonCodes.get(i);
            if (old.code().equals(code.code())) {
                if (ifMatch == null || ifMatch != old.version()) {
                    throw problem(ProblemType.PRECONDITION_FAILED, "reason code changed", Map.of());
                }
                ReasonCode updated = new ReasonCode(code.code(), code.titles(), code.templates(),
                        code.cooldownDays(), code.circleId(), code.position(), code.active(), old.version() + 1);
                reasonCodes.set(i, updated);
                return updated;
            }
        }
        throw problem(ProblemType.NOT_FOUND, code.code(), Map.of());
    }

    public synchronized ReasonCode createReasonCode(ReasonCode code) {
        ReasonCode created = new ReasonCode(code.code(), code.titles(), code.templates(), code.cooldownDays(),
                code.circleId(), reasonCodes.size() + 1, true, 1);
        reasonCodes.add(created);
        return created;
    }

    public synchronized void deactivateReasonCode(String code) {
        reasonCodes.replaceAll(r -> r.code().equals(code) ? new ReasonCode(r.code(), r.titles(), r.templates(),
                r.cooldownDays(), r.circleId(), r.position(), false, r.version() + 1) : r);
    }

    public synchronized ApplicantHistory history(String userId) {
        App a = apps.values().stream().filter(x -> x.applicant.userId().equals(userId)).findFirst()
                .orElseThrow(() -> problem(ProblemType.NOT_FOUND, userId, Map.of()));
        return new ApplicantHistory(a.applicant, List.of(new ApplicantHistory.Item(9, "重庆美食", "重庆",
                ApplicationStatus.REJECTED, now.minus(Duration.ofDays(40)), "AD", "ad", now.minus(Duration.ofDays(39)))),
                List.of(new ApplicantHistory.Infraction("r-1", "夜聊 <b>成都</b>", "FRIENDS", "成都", "user.mute",
                                Map.of("minutes", "30"), "刷屏", now.minus(Duration.ofDays(2)), "ops1", false, null,
                                false),
                        new ApplicantHistory.Infraction("r-2", "北京 KTV", "KTV", "北京", "user.kick", Map.of(), "骚扰",
                                now.minus(Duration.ofDays(5)), "ops2", true, now.minus(Duration.ofDays(4)), false)
                                .redact()));
    }

    public synchronized QueueHealth health() {
        List<ApplicationSummary> pending = queue(QueueFilter.all()).items();
        return new QueueHealth(pending.size(), pending.isEmpty() ? null : pending.get(0).submittedAt(),
                List.of(new QueueHealth.Count("成都", "成都", pending.size())), List.of(), List.of(), 42L);
    }

    private void heldByOther(App a, String staff) {
        if (a.holder != null && !a.holder.equals(staff) && a.until.isAfter(now)) {
            throw problem(ProblemType.CLAIMED_BY_OTHER, a.holder + " holds it",
                    Map.of("holder", a.holder, "until", a.until.toString()));
        }
    }

    private App find(long id) {
        App a = apps.get(id);
        if (a == null) {
            throw problem(ProblemType.NOT_FOUND, "application " + id, Map.of());
        }
        return a;
    }

    private ClaimInfo claimOf(App a) {
        return a.holder == null || a.until.isBefore(now) ? null : new ClaimInfo(a.holder.hashCode(), a.holder, a.until);
    }

    private ApplicationSummary summary(App a) {
        return new ApplicationSummary(a.id, circle.id(), circle.name(), circle.city(), a.mode,
                a.applicant.userId(), a.applicant.nickname(), a.submittedAt, a.risk,
                a.risk > 50 ? List.of("SCREENED_WORDS") : List.of(), claimOf(a), a.version);
    }

    static ApiException problem(ProblemType type, String detail, Map<String, Object> extensions) {
        return ApiException.problem(new Problem(type.uri().toString(), type.title(), type.status(),
                detail, null, List.of(), extensions), null);
    }

    // ---- HTTP --------------------------------------------------------------------------------------------------

    public Dispatcher dispatcher() {
        return new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (down.get()) {
                    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
                }
                synchronized (FakeReviewServer.this) {
                    requestLog.add(request.getMethod() + " " + request.getUrl().encodedPath());
                }
                if (touchesUnavailable(request)) {
                    return problemResponse(problem(ProblemType.INTERNAL, "unavailable", Map.of()));
                }
                try {
                    return handle(request);
                } catch (ApiException e) {
                    return problemResponse(e);
                } catch (Exception e) {
                    return problemResponse(problem(ProblemType.INTERNAL, e.toString(), Map.of()));
                }
            }
        };
    }

    private MockResponse handle(RecordedRequest r) throws Exception {
        String staff = Optional.ofNullable(r.getHeaders().get("Authorization")).map(h -> h.replace("Bearer ", ""))
                .orElseThrow(() -> problem(ProblemType.UNAUTHORIZED, "sign in", Map.of()));
        String path = r.getUrl().encodedPath().replaceFirst("^/api/v1/review/", "");
        String[] p = path.split("/");
        String m = r.getMethod();
        String key = r.getHeaders().get("Idempotency-Key");
        String body = r.getBody() == null ? "" : r.getBody().utf8();
        if (m.equals("GET") && path.equals("queue")) {
            QueueFilter f = new QueueFilter(null, null, null,
                    Optional.ofNullable(r.getUrl().queryParameter("minRisk")).map(Integer::valueOf).orElse(null),
                    null, r.getUrl().queryParameter("query"), r.getUrl().queryParameter("sort"));
            return ok(queue(f));
        }
        if (m.equals("GET") && p[0].equals("applications") && p.length == 2) {
            ApplicationDetail d = detail(staff, Long.parseLong(p[1]));
            return new MockResponse.Builder().code(200).setHeader("ETag", "\"" + d.version() + "\"")
                    .setHeader("Content-Type", "application/json").body(json.writeValueAsString(d)).build();
        }
        if (p[0].equals("applications") && p.length == 3) {
            long id = Long.parseLong(p[1]);
            switch (p[2] + " " + m) {
                case "claim POST" -> {
                    return ok(claim(staff, id));
                }
                case "claim DELETE" -> {
                    release(staff, id);
                    return new MockResponse.Builder().code(204).build();
                }
                case "presence POST" -> {
                    presence(staff, id);
                    return new MockResponse.Builder().code(204).build();
                }
                case "decision POST" -> {
                    Integer ifMatch = Optional.ofNullable(r.getHeaders().get("If-Match"))
                            .map(v -> Integer.valueOf(v.replace("\"", ""))).orElse(null);
                    DecisionResult result = decide(staff, id, ifMatch, key, json.readValue(body,
                            DecisionRequest.class));
                    if (loseResponseFor.remove(String.valueOf(id))) {
                        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
                    }
                    return ok(result);
                }
                case "undo POST" -> {
                    return ok(undo(staff, id, key));
                }
                default -> throw problem(ProblemType.NOT_FOUND, path, Map.of());
            }
        }
        if (m.equals("POST") && path.equals("claims/next")) {
            Optional<ApplicationDetail> next = claimNext(staff, json.readValue(body, QueueFilter.class));
            return next.map(this::ok).orElseGet(() -> new MockResponse.Builder().code(204).build());
        }
        if (m.equals("POST") && path.equals("decisions/bulk")) {
            MockResponse answer = ok(bulk(staff, json.readValue(body, BulkDecisionRequest.class)));
            if (loseBulkResponses.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
            }
            return answer;
        }
        if (m.equals("GET") && p[0].equals("applicants")) {
            return ok(history(p[1]));
        }
        if (m.equals("GET") && path.equals("circles")) {
            return ok(List.of(circle));
        }
        if (m.equals("GET") && path.equals("health")) {
            return ok(health());
        }
        if (p[0].equals("reason-codes")) {
            if (m.equals("GET")) {
                return ok(reasonCodes());
            }
            if (m.equals("POST")) {
                return new MockResponse.Builder().code(201).setHeader("Content-Type", "application/json")
                        .body(json.writeValueAsString(createReasonCode(json.readValue(body, ReasonCode.class))))
                        .build();
            }
            if (m.equals("PUT")) {
                Integer ifMatch = Optional.ofNullable(r.getHeaders().get("If-Match"))
                        .map(v -> Integer.valueOf(v.replace("\"", ""))).orElse(null);
                return ok(updateReasonCode(json.readValue(body, ReasonCode.class), ifMatch));
            }
            if (m.equals("DELETE")) {
                deactivateReasonCode(p[1]);
                return new MockResponse.Builder().code(204).build();
            }
        }
        throw problem(ProblemType.NOT_FOUND, path, Map.of());
    }

    private boolean touchesUnavailable(RecordedRequest r) {
        if (unavailable.isEmpty()) {
            return false;
        }
        String path = r.getUrl().encodedPath();
        String body = r.getBody() == null ? "" : r.getBody().utf8();
        return unavailable.stream().anyMatch(id -> path.contains("/applications/" + id + "/")
                || path.endsWith("/decisions/bulk") && body.contains("\"applicationId\":" + id + ","));
    }

    private MockResponse ok(Object value) {
        try {
            return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                    .body(json.writeValueAsString(value)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private MockResponse problemResponse(ApiException e) {
        Problem p = e.problem().orElseThrow();
        Map<String, Object> members = new LinkedHashMap<>(p.extensions());
        members.put("type", p.type());
        members.put("title", p.title());
        members.put("status", p.status());
        if (p.detail() != null) {
            members.put("detail", p.detail());
        }
        try {
            return new MockResponse.Builder().code(p.status()).setHeader("Content-Type", Problem.MEDIA_TYPE)
                    .body(json.writeValueAsString(members)).build();
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
