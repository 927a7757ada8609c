package org.complaints.compensation.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The authority matrix and permission table as plain rules (no Spring). */
class CompensationPolicyTest {

    final CompensationPolicy generic = Presets.generic();

    @Test
    @DisplayName("CP-01: within the caller's own limit an option is approved now")
    void withinOwnAuthorityApprovesNow() {
        assertThat(generic.authorize(Set.of("cs-specialist"), "VOUCHER", new BigDecimal("200")))
                .isEqualTo(new Authorization.ApproveNow());
    }

    @Test
    @DisplayName("ESC-04: above it, the lowest ladder role whose limit covers the amount decides")
    void aboveOwnAuthorityNeedsTheLowestCoveringRole() {
        assertThat(generic.authorize(Set.of("cs-specialist"), "MONETARY_COMPENSATION", new BigDecimal("500")))
                .isEqualTo(new Authorization.NeedsRole("cs-manager"));
        assertThat(generic.authorize(Set.of("cs-specialist"), "MONETARY_COMPENSATION", new BigDecimal("250")))
                .isEqualTo(new Authorization.NeedsRole("supervisor"));
        assertThat(generic.authorize(Set.of("supervisor"), "REFUND", new BigDecimal("1")))
                .isEqualTo(new Authorization.ApproveNow());
        assertThat(generic.authorize(Set.of("cs-specialist"), "REFUND", new BigDecimal("1")))
                .as("a kind the caller may not approve at all")
                .isEqualTo(new Authorization.NeedsRole("supervisor"));
    }

    @Test
    @DisplayName("CP-04: above every limit of the ladder is beyond the ceiling, whoever asks")
    void beyondTheCeiling() {
        assertThat(generic.authorize(Set.of("general-manager"), "MONETARY_COMPENSATION", new BigDecimal("100000.01")))
                .isEqualTo(new Authorization.BeyondCeiling());
    }

    @Test
    @DisplayName("roles not on the ladder have no authority; the body cannot add any")
    void unknownRolesHaveNoAuthority() {
        assertThat(generic.limitOf(Set.of("auditor", "partner"), "VOUCHER")).isNull();
        assertThat(generic.rungOf(Set.of("auditor"))).isEqualTo(-1);
    }

    @Test
    @DisplayName("issue 12: offer, consent, agreement and delivery need a role of the table")
    void stepsNeedARole() {
        for (var preset : Presets.all().values()) {
            for (var action : List.of(
                    CompensationAction.OFFER,
                    CompensationAction.CONSENT,
                    CompensationAction.AGREE,
                    CompensationAction.DELIVER,
                    CompensationAction.REJECT)) {
                assertThat(preset.rolesFor(action)).as(action.name()).isNotEmpty();
                assertThat(preset.permits(Set.of("auditor"), action)).isFalse();
            }
        }
    }

    @Test
    @DisplayName("issue 12: REJECT only by an approver in the ladder, not by the frontline")
    void rejectOnlyByApprovers() {
        assertThat(generic.permits(Set.of("cs-specialist"), CompensationAction.REJECT))
                .isFalse();
        assertThat(generic.permits(Set.of("supervisor"), CompensationAction.REJECT))
                .isTrue();
        assertThat(generic.atOrAbove(Set.of("supervisor"), "general-manager")).isFalse();
        assertThat(generic.atOrAbove(Set.of("general-manager"), "cs-manager")).isTrue();
        for (var preset : Presets.all().values()) {
            assertThat(preset.approvalLadder()).containsAll(preset.rolesFor(CompensationAction.REJECT));
        }
    }

    @Test
    @DisplayName("CP-02 / ESC-04: an undecided approval moves one rung up; the top rung has none above")
    void rungAbove() {
        assertThat(generic.rungAbove("cs-manager")).contains("general-manager");
        assertThat(generic.rungAbove("general-manager")).isEmpty();
        assertThat(Presets.dealer().rungAbove("service-manager")).contains("service-director");
    }

    @Test
    @DisplayName("every preset has a permission list for every action, and budget setting stays with managers")
    void everyActionHasRoles() {
        Presets.all().forEach((name, preset) -> {
            for (var action : CompensationAction.values()) {
                assertThat(preset.rolesFor(action)).as(name + " " + action).isNotEmpty();
            }
            assertThat(preset.permits(Set.of(preset.approvalLadder().getFirst()), CompensationAction.BUDGET_SET))
                    .as(name)
                    .isFalse();
        });
    }
}
