package org.complaints.support.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.complaints.support.tenant.Tenant;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.web.ProblemException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PhraseLinterTest {

    static final TextLinter LINTER = new TextLinter(new TenantDirectory(Map.of(
            "warn", tenant("warn", Map.of()),
            "block", tenant("block", Map.of("texts", Map.of("mode", "BLOCK"))))));

    static Tenant tenant(String id, Map<String, Object> overrides) {
        return new Tenant(id, id, "generic", 2, Map.of(), Map.of(), overrides);
    }

    @Test
    @DisplayName("scenario 22 / §12.1: both phrases of the SMS are hit once each, with the §12.2 replacements")
    void shouldFindBothPhrasesWithTheirReplacements() {
        var check = LINTER.check("warn", "text", "这不是我的责任,您一定是弄错了。");

        assertThat(check.mode()).isEqualTo("WARN");
        assertThat(check.hits())
                .extracting(TextCheck.Hit::phrase, TextCheck.Hit::replacement)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("这不是我的责任", "谢谢您的反馈"),
                        org.assertj.core.groups.Tuple.tuple("您一定是弄错了", "我想确认一下,您刚才说的意思是不是……"));
        assertThat(check.blocked()).isFalse();
    }

    @Test
    @DisplayName("§12.4-1: the traditional script, full-width punctuation and spaces are matched as one phrase")
    void shouldMatchTraditionalScriptAndIgnoreWidthAndSpaces() {
        assertThat(LINTER.check("warn", "text", "這不是我的責任").hits())
                .extracting(TextCheck.Hit::phrase)
                .containsExactly("這不是我的責任");
        assertThat(LINTER.check("warn", "text", "这 不是，我的 责任！").hits()).hasSize(1);
        assertThat(LINTER.check("warn", "text", "谢谢您的反馈，我们会尽快处理").hits()).isEmpty();
    }

    @Test
    @DisplayName("§12.4: in BLOCK mode a banned phrase refuses the text with 422 naming phrase and replacement")
    void shouldRefuseInBlockMode() {
        assertThatThrownBy(() -> LINTER.require("block", "reply", "您别激动，这绝对不可能"))
                .isInstanceOfSatisfying(ProblemException.class, p -> {
                    assertThat(p.status().value()).isEqualTo(422);
                    assertThat(p.type()).isEqualTo("banned-phrase");
                    assertThat(p.fields())
                            .extracting(ProblemException.FieldProblem::field)
                            .containsOnly("reply");
                    assertThat(p.getMessage()).contains("您别激动", "这绝对不可能");
                    assertThat(p.fields().toString()).contains("我能明白您为什么觉得那样", "您希望我们怎么做");
                });
        assertThat(LINTER.require("block", "reply", "非常抱歉给您带来不便").hits()).isEmpty();
    }

    @Test
    @DisplayName("CM-04: admitting liability is flagged until liability is established; an apology never is")
    void shouldFlagLiabilityOnlyBeforeItIsEstablished() {
        var texts = new LinkedHashMap<String, String>();
        texts.put("mistake", "这是我们的责任，非常抱歉给您带来不便");

        var before = LINTER.check("block", texts, false);
        var after = LINTER.check("block", texts, true);

        assertThat(before.hits())
                .extracting(TextCheck.Hit::kind, TextCheck.Hit::replacement)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TextCheck.LIABILITY, "非常抱歉给您带来不便"));
        assertThat(before.blocked())
                .as("liability wording is flagged, never blocked")
                .isFalse();
        assertThat(after.hits()).isEmpty();
        assertThat(LINTER.check("warn", "text", "这不是我们的责任").hits())
                .extracting(TextCheck.Hit::kind)
                .doesNotContain(TextCheck.LIABILITY);
    }
}
