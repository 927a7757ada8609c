package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/case-states.md} is generated from {@link Action}'s table; this test fails when the
 * document differs. Regenerate with {@code -Dcase-states.write=true}.
 */
class CaseStatesDocumentTest {

    static final Path DOCUMENT = Path.of("..", "docs", "case-states.md");

    @Test
    @DisplayName("docs/case-states.md equals the state table in Action (it cannot drift)")
    void documentMatchesTheTable() throws Exception {
        var expected = render();
        if (Boolean.getBoolean("case-states.write")) {
            Files.writeString(DOCUMENT, expected);
        }
        assertThat(Files.readString(DOCUMENT)).isEqualTo(expected);
    }

    static String render() {
        var out = new StringBuilder();
        out.append("# Case states\n\n");
        out.append(
                "Generated from `routing-service/.../cases/Action.java` by `CaseStatesDocumentTest`; do not edit by hand\n");
        out.append("(run that test with `-Dcase-states.write=true` after changing the table).\n\n");
        out.append("Rows are the states of a case (DOMAIN.md §2.8), columns the actions; a cell names the state the\n");
        out.append("action leads to (`=` keeps the state), an empty cell means the action is refused there (409\n");
        out.append("`illegal-transition`). The case view's `allowedActions` lists the non-empty cells of its row.\n");
        out.append("Compensation refuses a proposal, consent or delivery whose routing action is not allowed.\n\n");
        out.append("| state |");
        for (var a : Action.values()) {
            out.append(' ').append(a.name()).append(" |");
        }
        out.append("\n|---|");
        for (var ignored : Action.values()) {
            out.append("---|");
        }
        out.append('\n');
        for (var s : State.values()) {
            out.append("| ").append(s.name()).append(" |");
            for (var a : Action.values()) {
                var next = a.next(s);
                out.append(' ')
                        .append(next.map(n -> n == s ? "=" : n.name()).orElse(""))
                        .append(" |");
            }
            out.append('\n');
        }
        out.append("\n## Events from other services\n\n| event type | action |\n|---|---|\n");
        CaseEvent.types().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.append("| ")
                        .append(e.getKey())
                        .append(" | ")
                        .append(e.getValue().name())
                        .append(" |\n"));
        out.append("\n## Staff steps (`POST /api/v1/cases/{id}/{step}`)\n\n| step | action |\n|---|---|\n");
        out.append(CaseController.STEPS.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> "| " + e.getKey() + " | " + e.getValue().name() + " |\n")
                .collect(Collectors.joining()));
        out.append(
                "\n`contacts` is `CONTACT` (first response) from ACCEPTED or SECOND_HANDLING and `LOG_CONTACT` in later\n");
        out.append("working states; from REGISTERED or HANDED_OVER it is refused: acceptance comes first.\n");
        return out.toString();
    }
}
