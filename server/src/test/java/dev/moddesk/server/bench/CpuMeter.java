package dev.moddesk.server.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * CPU time from {@code /proc} (Linux), to say where a timed phase's CPU went: the server process, all PostgreSQL
 * processes, this load generator, and the whole machine (so the share of other work on a shared box shows).
 * Clock ticks are 1/100 s on Linux. With a database URL ({@code MODDESK_BENCH_DB_URL}, a database only the server
 * uses), also the transactions PostgreSQL counted there ({@link #dbTransactions}).
 */
final class CpuMeter {

    /** CPU seconds used so far by each party, and the machine's busy and total seconds over all cores. */
    record Snapshot(double server, double postgres, double loadGenerator, double machineBusy, double machineTotal) {
    }

    private static final double TICK = 0.01;

    private final long serverPid;
    private final String dbUrl;

    /** @param dbUrl JDBC URL of the server's database, or null (then no transaction counts) */
    CpuMeter(long serverPid, String dbUrl) {
        this.serverPid = serverPid;
        this.dbUrl = dbUrl;
    }

    Snapshot snapshot() {
        double pg = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                String stat = read(proc.resolve("stat"));
                if (stat != null && stat.contains("(postgres)")) {
                    // The postmaster counts the time of backends that ended (cutime, cstime).
                    pg += ticks(stat) + childTicks(stat);
                }
            }
        } catch (IOException e) {
            pg = Double.NaN;
        }
        String server = read(Path.of("/proc", Long.toString(serverPid), "stat"));
        String self = read(Path.of("/proc/self/stat"));
        double busy = Double.NaN;
        double total = Double.NaN;
        String machine = read(Path.of("/proc/stat"));
        if (machine != null) {
            String[] f = machine.lines().findFirst().orElse("").trim().split("\\s+");
            long sum = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                sum += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            total = sum * TICK;
            busy = (sum - idle) * TICK;
        }
        return new Snapshot(server == null ? Double.NaN : ticks(server) * TICK, pg * TICK,
                self == null ? Double.NaN : ticks(self) * TICK, busy, total);
    }

    /**
     * Commits + rollbacks so far in the server's database (every statement outside a transaction is one), or NaN
     * without a URL or when it cannot be read. A backend publishes its counts when idle, at most once a second, and
     * one that stays idle does so after 10 s: read it 11 s after the load has stopped.
     */
    double dbTransactions() {
        if (dbUrl == null || dbUrl.isBlank()) {
            return Double.NaN;
        }
        try (Connection c = DriverManager.getConnection(dbUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT xact_commit + xact_rollback FROM pg_stat_database"
                     + " WHERE datname = current_database()")) {
            return rs.next() ? rs.getLong(1) : Double.NaN;
        } catch (SQLException e) {
            System.err.println("no transaction count from " + dbUrl + ": " + e.getMessage());
            return Double.NaN;
        }
    }

    /** utime + stime: fields 14 and 15, counted after the command name (which may contain spaces). */
    private static long ticks(String stat) {
        List<String> f = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        return Long.parseLong(f.get(11)) + Long.parseLong(f.get(12));
    }

    private static long childTicks(String stat) {
        List<String> f = List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        return Long.parseLong(f.get(13)) + Long.parseLong(f.get(14));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
