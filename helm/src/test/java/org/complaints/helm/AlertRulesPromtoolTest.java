package org.complaints.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert rules pass {@code promtool check rules}. promtool comes from Debian package
 * {@code prometheus}, which the build installs before these tests when it is missing
 * ({@code install-promtool.sh}, run by helm/pom.xml): without it this test fails, it never skips.
 */
class AlertRulesPromtoolTest {

    @BeforeAll
    static void promtoolIsThere() throws Exception {
        assertThat(onPath("promtool"))
                .as("promtool is required to check the alert rules; the build installs it (helm/install-promtool.sh,"
                        + " Debian package 'prometheus'): run it, or apt-get install prometheus")
                .isTrue();
    }

    @Test
    void alertRulesPassPromtool() throws Exception {
        var check = promtool(Path.of("complaints/files/alerts.yml"));
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS");
    }

    /** The check bites: a rule whose expression does not parse is refused, so a pass above means something. */
    @Test
    void promtoolRefusesABrokenRule(@TempDir Path dir) throws Exception {
        var broken = dir.resolve("broken.yml");
        Files.writeString(broken, """
                groups:
                  - name: broken
                    rules:
                      - alert: Broken
                        expr: sum by (tenant (rate(complaints_sla_breached_total[15m]))
                """);
        var check = promtool(broken);
        assertThat(check.exitCode()).as(check.output()).isNotZero();
        assertThat(check.output()).contains("FAILED");
    }

    private record Check(int exitCode, String output) {}

    private static Check promtool(Path rules) throws Exception {
        var process = new ProcessBuilder("promtool", "check", "rules", rules.toString())
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Check(process.exitValue(), output);
    }

    private static boolean onPath(String command) throws Exception {
        var which = new ProcessBuilder("sh", "-c", "command -v " + command).start();
        return which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0;
    }
}
