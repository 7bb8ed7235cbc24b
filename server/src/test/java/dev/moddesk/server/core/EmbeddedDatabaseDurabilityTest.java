package dev.moddesk.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit the embedded database has acknowledged survives the server process being killed (SIGKILL, a crash, a
 * power cut of the JVM): the console's outbox marks a decision confirmed on that acknowledgement and never sends it
 * again, so a lost commit is a lost decision. A child JVM commits rows one at a time on the server's own H2 URL and
 * prints each acknowledged row; it is killed after the 40th, and every acknowledged row must still be there.
 */
class EmbeddedDatabaseDurabilityTest {
    static final int ACKNOWLEDGED_BEFORE_KILL = 40;

    @TempDir
    Path dataDir;

    /** The child process: commits rows forever, printing each one after its commit returned. */
    public static void main(String[] args) throws Exception {
        String url = Database.Settings.h2File(Path.of(args[0])).url();
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE decided (id INT PRIMARY KEY)");
            for (int i = 1; ; i++) {
                s.execute("INSERT INTO decided VALUES (" + i + ")");
                System.out.println(i);
                System.out.flush();
            }
        }
    }

    @Test
    void everyAcknowledgedCommitSurvivesAKill() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseDurabilityTest.class.getName(), dataDir.toString()).redirectErrorStream(true).start();
        int acknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged < ACKNOWLEDGED_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.matches("\\d+")) {
                    acknowledged = Integer.parseInt(line);
                }
            }
            child.destroyForcibly();   // SIGKILL on Linux and macOS: no shutdown hook, no close
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).as("the child committed rows").isEqualTo(ACKNOWLEDGED_BEFORE_KILL);

        try (Connection c = DriverManager.getConnection(Database.Settings.h2File(dataDir).url(), "sa", "");
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM decided WHERE id <= " + acknowledged)) {
            rows.next();
            assertThat(rows.getInt(1)).as("acknowledged commits still there after the kill").isEqualTo(acknowledged);
        }
    }
}
