package dev.moddesk.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.AuditQuery;
import dev.moddesk.app.testing.TestContext;
import dev.moddesk.contract.AuditEntry;
import dev.moddesk.contract.Page;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditViewModelTest {
    @TempDir
    Path dir;

    /** 120 entries, served in pages whose cursor is the next offset; records every query. */
    private static final class FakeAuditLog implements AuditLogSource {
        final List<AuditQuery> queries = new ArrayList<>();
        final List<AuditEntry> all = new ArrayList<>();

        FakeAuditLog() {
            for (int i = 0; i < 120; i++) {
                all.add(new AuditEntry(1000 - i, Instant.parse("2026-11-24T08:00:00Z").minusSeconds(i), 1L, "admin",
                        i % 2 == 0 ? "staff.update" : "session.login", "staff", "7",
                        Map.of("role", "MODERATOR", "note", "旧"), Map.of("role", "OPS", "name", "张伟"),
                        i == 0 ? "line one\nsays \"hi\", 北京" : null, "127.0.0.1"));
            }
        }

        @Override
        public synchronized CompletableFuture<Page<AuditEntry>> page(AuditQuery q) {
            queries.add(q);
            List<AuditEntry> matching = all.stream().filter(e -> q.action() == null || q.action().equals(e.action())).toList();
            int start = q.cursor() == null ? 0 : Integer.parseInt(q.cursor());
            int end = Math.min(matching.size(), start + q.limit());
            return CompletableFuture.completedFuture(new Page<>(matching.subList(start, end),
                    end < matching.size() ? Integer.toString(end) : null));
        }

        @Override
        public CompletableFuture<List<String>> actions() {
            return CompletableFuture.completedFuture(List.of("session.login", "staff.update"));
        }
    }

    private final FakeAuditLog log = new FakeAuditLog();
    private final TestContext ctx = new TestContext(Path.of(System.getProperty("java.io.tmpdir"), "moddesk-test-unused"));
    private final AuditViewModel vm = new AuditViewModel(log, ctx.errors, TestContext.SYNC, ZoneOffset.UTC);

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void loadsOnePageThenTheNextWhenAskedUntilTheEnd() {
        vm.search();
        assertThat(vm.entries()).hasSize(AuditViewModel.PAGE_SIZE);
        assertThat(vm.hasMoreProperty().get()).isTrue();
        vm.loadMore();
        vm.loadMore();
        assertThat(vm.entries()).hasSize(120);
        assertThat(vm.hasMoreProperty().get()).isFalse();
        vm.loadMore();
        assertThat(log.queries).hasSize(3);
        assertThat(log.queries).extracting(AuditQuery::cursor).containsExactly(null, "50", "100");
    }

    @Test
    void filtersGoIntoTheQueryAndSearchStartsOver() {
        vm.search();
        vm.actionProperty().set("staff.update");
        vm.actorProperty().set(" admin ");
        vm.fromProperty().set(LocalDate.of(2026, 11, 1));
        vm.toProperty().set(LocalDate.of(2026, 11, 24));
        vm.search();
        AuditQuery q = log.queries.getLast();
        assertThat(q.action()).isEqualTo("staff.update");
        assertThat(q.actor()).isEqualTo("admin");
        assertThat(q.cursor()).isNull();
        assertThat(q.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(q.to()).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(vm.entries()).hasSize(50).allMatch(e -> e.action().equals("staff.update"));
        vm.clearFilters();
        assertThat(vm.query(null, 10).action()).isNull();
    }

    @Test
    void actionsListStartsWithAnyAction() {
        vm.loadActions();
        assertThat(vm.actions()).containsExactly("", "session.login", "staff.update");
    }

    @Test
    void selectingAnEntryShowsItsDiff() {
        vm.search();
        vm.selectedProperty().set(vm.entries().getFirst());
        assertThat(vm.diff()).extracting(AuditDiff.Row::key, AuditDiff.Row::change).containsExactly(
                org.assertj.core.groups.Tuple.tuple("name", AuditDiff.Change.ADDED),
                org.assertj.core.groups.Tuple.tuple("note", AuditDiff.Change.REMOVED),
                org.assertj.core.groups.Tuple.tuple("role", AuditDiff.Change.CHANGED));
        vm.selectedProperty().set(null);
        assertThat(vm.diff()).isEmpty();
    }

    @Test
    void failureShowsAMessageAndKeepsWhatWasLoaded() {
        AuditLogSource failing = new AuditLogSource() {
            @Override
            public CompletableFuture<Page<AuditEntry>> page(AuditQuery query) {
                return CompletableFuture.failedFuture(dev.moddesk.app.api.ApiException.of(
                        dev.moddesk.app.api.ApiException.Kind.UNREACHABLE, "down", null));
            }

            @Override
            public CompletableFuture<List<String>> actions() {
                return CompletableFuture.completedFuture(List.of());
            }
        };
        AuditViewModel broken = new AuditViewModel(failing, ctx.errors, TestContext.SYNC, ZoneOffset.UTC);
        broken.actorProperty().set("ops");
        broken.search();
        assertThat(broken.errorProperty().get()).startsWith("Cannot reach the server.");
        assertThat(broken.actorProperty().get()).isEqualTo("ops");
        assertThat(broken.loadingProperty().get()).isFalse();
    }

    @Test
    void exportWritesEveryMatchingEntryAsCsvWithBom() throws Exception {
        Path file = dir.resolve("audit.csv");
        int count = vm.export(file, Runnable::run).get(10, TimeUnit.SECONDS);
        assertThat(count).isEqualTo(120);
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0]).isEqualTo((byte) 0xEF);
        assertThat(bytes[1]).isEqualTo((byte) 0xBB);
        assertThat(bytes[2]).isEqualTo((byte) 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
        assertThat(text).startsWith("id,time,actor,action,target_type,target_id,reason,client_address,before,after\r\n");
        assertThat(text).contains("\"line one\nsays \"\"hi\"\", 北京\"");
        assertThat(text.split("\r\n")).hasSize(121);
        assertThat(vm.exportingProperty().get()).isFalse();
    }
}
