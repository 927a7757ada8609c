package org.complaints.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The alert rules pass `promtool check rules` (Debian package `prometheus`; .ci/run installs it). */
class AlertRulesPromtoolTest {

    @Test
    void alertRulesPassPromtool() throws Exception {
        assumeTrue(
                onPath("promtool"),
                "promtool is not installed (run helm/install-promtool.sh); alert rules not checked");
        var process = new ProcessBuilder(
                        "promtool",
                        "check",
                        "rules",
                        Path.of("complaints/files/alerts.yml").toString())
                .redirectErrorStream(true)
                .start();
        var output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("SUCCESS");
    }

    private static boolean onPath(String command) throws Exception {
        var which = new ProcessBuilder("sh", "-c", "command -v " + command).start();
        return which.waitFor(10, TimeUnit.SECONDS) && which.exitValue() == 0;
    }
}
