package org.complaints.followup.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.complaints.followup.policy.PermissionsDocTest.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Issue 12 / ADR 0402: the one check of followup-service, and the load check of its table. */
class FollowupPermissionsTest {

    @Test
    @DisplayName(
            "LC-09 / FU-03: an attempt or an outcome needs the RECORD_OUTCOME row and a role of the visit; 403 names the roles")
    void visitNeedsTheRowAndTheVisit() {
        var dealer = policy("dealer");
        var callback = List.of("service-manager", "service-director");
        FollowupPermissions.requireVisit(staff("service-manager"), dealer, "REWORK_CALLBACK", callback);
        assertThatThrownBy(() -> FollowupPermissions.requireVisit(
                        staff("customer-care-officer"), dealer, "REWORK_CALLBACK", callback))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(e.getMessage()).contains("service-manager").contains("LC-09");
                });
        assertThatThrownBy(() -> FollowupPermissions.requireVisit(
                        staff("marketing-manager"), dealer, "CARE_CALL", List.of("marketing-manager")))
                .as("a visit planned under a wider table: the current table is the ceiling")
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.getMessage()).contains("customer-care-officer"));
    }

    @Test
    @DisplayName("'*' is staff only: partners and services need their own entry; 'system' is matched by kind")
    void tokens() {
        var retail = policy("retail");
        assertThat(FollowupPermissions.allows(staff("anyone"), retail, FollowupAction.READ))
                .isTrue();
        assertThat(FollowupPermissions.allows(partner(), retail, FollowupAction.READ))
                .isFalse();
        assertThat(FollowupPermissions.allows(partner(), retail, FollowupAction.REPORT_READ))
                .isTrue();
        assertThat(FollowupPermissions.allows(staff("service-desk"), retail, FollowupAction.REPORT_READ))
                .isFalse();
        assertThat(FollowupPermissions.allows(
                        CallerIdentity.system("routing-service", "t"), retail, FollowupAction.PLAN))
                .isTrue();
        assertThat(FollowupPermissions.allows(staff("system"), retail, FollowupAction.PLAN))
                .as("a staff role named 'system' is not a service")
                .isFalse();
    }

    @Test
    @DisplayName("a tenant's overrides.followup.permissions.<ACTION> replaces that list only")
    void overridesReplaceAList() {
        var generic = policy("generic", Map.of("permissions", Map.of("REPORT_READ", List.of("cs-manager"))));
        assertThat(generic.rolesFor(FollowupAction.REPORT_READ)).containsExactly("cs-manager");
        assertThat(generic.rolesFor(FollowupAction.RECORD_OUTCOME)).contains("cs-specialist");
        assertThat(FollowupPermissions.problems(generic)).isEmpty();
    }

    @Test
    @DisplayName(
            "preset loading refuses a table that misses an action, names an unknown one, or leaves a visit's roles outside RECORD_OUTCOME")
    void unusableTablesAreRefused() {
        var broken = policy(
                "dealer",
                Map.of(
                        "permissions",
                        Map.of(
                                "READ", List.of(),
                                "READ_ALL", List.of("*"),
                                "RECORD_OUTCOME", List.of("service-director"))));
        assertThatThrownBy(() -> FollowupPermissions.requireUsable("t", broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("permissions names unknown actions: READ_ALL")
                .hasMessageContaining("permissions has no roles for: READ")
                .hasMessageContaining("CARE_CALL: customer-care-officer")
                .hasMessageContaining("REWORK_CALLBACK: service-manager");
    }

    @Test
    @DisplayName(
            "FU-03: preset loading refuses a threshold below 1 and a visit whose owner has no supervisor, naming them")
    void unusableEscalationIsRefused() {
        var broken = policy(
                "retail",
                Map.of(
                        "unreachedAttemptsBeforeEscalation",
                        0,
                        "tasks",
                        List.of(Map.of("type", "HOME_VISIT", "due", "SAME_DAY", "roles", List.of("cs-manager"))),
                        "supervisors",
                        Map.of("cs-manager", ""),
                        "defaultSupervisor",
                        ""));
        assertThatThrownBy(() -> FollowupPermissions.requireUsable("t", broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unreachedAttemptsBeforeEscalation must be at least 1")
                .hasMessageContaining("no supervisor for an unreachable visit to escalate to (FU-03): HOME_VISIT (");
    }

    static CallerIdentity staff(String role) {
        return new CallerIdentity(
                role + "-user", CallerIdentity.Kind.STAFF, "t", Set.of(), Set.of(), Set.of(role), Set.of(), "Staff");
    }

    static CallerIdentity partner() {
        return new CallerIdentity(
                "crm", CallerIdentity.Kind.PARTNER, "t", Set.of(), Set.of(), Set.of("partner"), Set.of(), "CRM");
    }
}
