package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.complaints.routing.cases.CaseFixtures.local;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Scenario 8 (LC-10, RC-02): a long-term measure made of the tenant's vague phrases is refused with
 * a message that names them, so the responsible person sees what to replace; nothing is stored.
 */
class VagueMeasureRefusalTest {

    @Test
    @DisplayName(
            "scenario 8 / LC-10 + RC-02: 加强检查,加强培训 is refused naming both phrases (具体措施 required: banned vague wording), 加強培訓 naming itself; the case is unchanged")
    void refusalNamesTheVaguePhrases() {
        var routing = new InMemoryRouting(local("2025-03-03T10:00"));
        var c = HandlingTasksTest.openWalkIn(routing, "TECHNICAL");
        var owner = HandlingTasksTest.person("张诚", "responsible-person");
        routing.service.act(owner, c.id, Action.ACCEPT, Step.empty());
        routing.service.act(owner, c.id, Action.CONTACT, Step.empty());
        var version = routing.cases.stored(c.id).version;

        assertThatThrownBy(() -> routing.service.act(owner, c.id, Action.RESOLVE, measure("加强检查,加强培训")))
                .isInstanceOfSatisfying(CaseRefusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(CaseRefusal.Kind.INCOMPLETE_RESOLUTION);
                    assertThat(r.fields()).singleElement().satisfies(f -> {
                        assertThat(f.field()).isEqualTo("longTermMeasure.action");
                        assertThat(f.message())
                                .contains("具体措施 required: banned vague wording")
                                .contains("加强检查")
                                .contains("加强培训");
                    });
                });
        assertThatThrownBy(() -> routing.service.act(owner, c.id, Action.RESOLVE, measure("加強培訓")))
                .isInstanceOfSatisfying(
                        CaseRefusal.class,
                        r -> assertThat(r.fields().getFirst().message()).contains("(加強培訓)"));
        assertThat(routing.cases.stored(c.id).version).isEqualTo(version);
        assertThat(routing.cases.stored(c.id).resolution).isNull();

        var resolved = routing.service.act(
                owner,
                c.id,
                Action.RESOLVE,
                measure("Replace torque wrench calibration interval from 12 to 3 months; owner 张诚; due 2025-04-01"));
        assertThat(resolved.resolution.longTermMeasure().action()).startsWith("Replace torque wrench");
    }

    private static Step measure(String action) {
        return new Step(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new Case.Resolution(
                        "扭力扳手超期未校准",
                        null,
                        "重新紧固全部轮胎螺栓",
                        new Case.Measure(action, "张诚", LocalDate.parse("2025-04-01")),
                        false,
                        null,
                        null),
                null,
                null);
    }
}
