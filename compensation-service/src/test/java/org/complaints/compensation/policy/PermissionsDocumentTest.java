package org.complaints.compensation.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/permissions-compensation.md is generated from the presets' permission tables; this test
 * fails when the document differs. Regenerate with {@code -Ddocs.update=true}.
 */
class PermissionsDocumentTest {

    static final Path DOCUMENT = Path.of("..", "docs", "permissions-compensation.md");

    @Test
    @DisplayName("the published permission table equals the one the service enforces")
    void documentMatchesTheTables() throws Exception {
        var expected = PermissionsDocument.render(Presets.all());
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(DOCUMENT, expected);
        }
        assertThat(Files.exists(DOCUMENT))
                .as("run with -Ddocs.update=true to generate " + DOCUMENT)
                .isTrue();
        assertThat(Files.readString(DOCUMENT))
                .as("docs/permissions-compensation.md is stale: run the test with -Ddocs.update=true")
                .isEqualTo(expected);
    }
}
