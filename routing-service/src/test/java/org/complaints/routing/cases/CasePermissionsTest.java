package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.complaints.routing.cases.CaseFixtures.local;
import static org.complaints.routing.cases.InMemoryRouting.event;
import static org.complaints.routing.cases.InMemoryRouting.request;
import static org.complaints.routing.cases.InMemoryRouting.resolution;
import static org.complaints.routing.cases.InMemoryRouting.staff;
import static org.complaints.routing.cases.InMemoryRouting.system;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.complaints.routing.policy.Permission;
import org.complaints.routing.policy.PolicyCheck;
import org.complaints.routing.policy.RoutingPermissions;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.tenant.Tenant;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;
import org.complaints.support.web.ProblemException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Issue 12 / ADR 0205: the preset's permission table decides every case step, in one place. */
class CasePermissionsTest {

    static final String DEALER = "demo-dealer";
    static final String RETAIL = "demo-retail";
    static final String GENERIC = "demo-generic";

    final InMemoryRouting routing = new InMemoryRouting(local("2025-03-03T09:00"));

    Case open(String tenant, String site, String channel) {
        return routing.service
                .open(system(tenant, "intake-service"), request(site, channel, "GENERAL", null, null, null))
                .kase();
    }

    static Step level(String level) {
        return new Step("facts", null, null, null, null, null, level, null, null, null, null, null);
    }

    static Step assignTo(String person) {
        return new Step(null, null, null, null, "service", person, null, null, null, null, null, null);
    }

    static Step message(String text) {
        return new Step(null, null, null, null, null, null, null, text, null, null, null, null);
    }

    /** Asserts a 403 naming the listed roles, and that the stored case did not change. */
    void refused(CallerIdentity caller, String id, Action action, Step step, String... named) {
        var before = routing.cases.stored(id);
        assertThatThrownBy(() -> routing.service.act(caller, id, action, step))
                .isInstanceOfSatisfying(CaseRefusal.class, r -> {
                    assertThat(r.kind()).isEqualTo(CaseRefusal.Kind.NOT_ALLOWED);
                    assertThat(CaseProblems.toProblem(r).status()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(r.getMessage()).contains(named);
                });
        var after = routing.cases.stored(id);
        assertThat(after.version).as("a refused step stores nothing").isEqualTo(before.version);
        assertThat(after.level).isEqualTo(before.level);
        assertThat(after.state).isEqualTo(before.state);
        assertThat(after.owner).isEqualTo(before.owner);
    }

    @Test
    @DisplayName(
            "CL-03: a service advisor may not raise a case's level (403 naming the roles, case unchanged); the director may")
    void advisorMayNotRaiseTheLevel() {
        var id = open(DEALER, "sh-minhang", "WALK_IN").id;
        refused(staff(DEALER, "service-advisor"), id, Action.RAISE_LEVEL, level("MAJOR"), "service-director", "CL-03");
        assertThat(routing.service.act(staff(DEALER, "service-director"), id, Action.RAISE_LEVEL, level("MAJOR")).level)
                .isEqualTo("MAJOR");
    }

    @Test
    @DisplayName("CL-03: the retail service desk may not raise a ticket's level; the customer-service supervisor may")
    void deskMayNotRaiseTheLevel() {
        var id = open(RETAIL, "sh-xujiahui", "STORE").id;
        refused(staff(RETAIL, "service-desk"), id, Action.RAISE_LEVEL, level("URGENT"), "cs-supervisor");
        assertThat(routing.service.act(staff(RETAIL, "cs-supervisor"), id, Action.RAISE_LEVEL, level("URGENT")).level)
                .isEqualTo("URGENT");
    }

    @Test
    @DisplayName(
            "RT-01 / LC-05: only the service director (or the general manager) assigns; a responsible person gets 403")
    void onlySupervisorsAssign() {
        var id = open(DEALER, "sh-minhang", "WALK_IN").id;
        refused(staff(DEALER, "responsible-person"), id, Action.ASSIGN, assignTo("zhang.cheng"), "service-director");
        refused(
                staff(GENERIC, "cs-specialist"),
                open(GENERIC, "ber-counter-1", "PHONE").id,
                Action.ASSIGN,
                assignTo("x"),
                "supervisor");
        assertThat(routing.service.act(staff(DEALER, "service-director"), id, Action.ASSIGN, assignTo("zhang.cheng"))
                        .owner)
                .isEqualTo("zhang.cheng");
    }

    @Test
    @DisplayName(
            "RT-10: the case's owner does their work steps whatever their role; another person with the same role may not")
    void theOwnerDoesTheWork() {
        var id = open(DEALER, "sh-minhang", "WALK_IN").id;
        routing.service.act(staff(DEALER, "service-director"), id, Action.ASSIGN, assignTo("zhang.cheng"));
        var owner = person(DEALER, "zhang.cheng", "service-advisor");
        var colleague = person(DEALER, "li.si", "service-advisor");

        refused(colleague, id, Action.ACCEPT, Step.empty(), "owner");
        routing.service.act(owner, id, Action.ACCEPT, Step.empty());
        routing.service.act(owner, id, Action.CONTACT, Step.empty());
        routing.service.act(owner, id, Action.INVESTIGATE, Step.empty());
        var resolved = routing.service.act(owner, id, Action.RESOLVE, resolution(false));
        assertThat(resolved.state).isEqualTo(State.RESOLVED);
        assertThat(resolved.resolution.by()).isEqualTo("zhang.cheng");
        refused(owner, id, Action.CLOSE, Step.empty(), "service-director", "LC-07");
        refused(owner, id, Action.RAISE_LEVEL, level("MAJOR"), "service-director");
    }

    @Test
    @DisplayName("ESC-05: an owner by role (role:<role>) passes for anyone holding that role")
    void anOwnerByRole() {
        var id = open(DEALER, "sh-minhang", "WALK_IN").id;
        var director = staff(DEALER, "service-director");
        routing.service.act(director, id, Action.ACCEPT, Step.empty());
        routing.service.act(director, id, Action.CONTACT, Step.empty());
        var compensation = system(DEALER, "compensation-service");
        routing.service.event(compensation, id, event("COMPENSATION_APPROVED", null));
        var careDirector = staff(DEALER, "customer-care-director");
        refused(careDirector, id, Action.MESSAGE, message("您好"), "owner");

        var rejected = routing.service.event(
                compensation,
                id,
                event("OFFER_REJECTED_BY_CUSTOMER", Map.of("escalateTo", "role:customer-care-director")));
        assertThat(rejected.owner).isEqualTo("role:customer-care-director");
        assertThat(routing.service.act(careDirector, id, Action.MESSAGE, message("您好")).messages)
                .hasSize(1);
    }

    @Test
    @DisplayName(
            "services' events still drive the case as the system identity; the same event from staff or a partner is 403")
    void eventsComeFromServices() {
        var id = open(GENERIC, "ber-counter-1", "PHONE").id;
        var supervisor = staff(GENERIC, "supervisor");
        routing.service.act(supervisor, id, Action.ACCEPT, Step.empty());
        routing.service.act(supervisor, id, Action.CONTACT, Step.empty());
        routing.service.act(supervisor, id, Action.RESOLVE, resolution(false));

        var satisfied = event("FOLLOW_UP_SATISFIED", Map.of("round", 1));
        for (var notAService : List.of(supervisor, partner(GENERIC))) {
            var before = routing.cases.stored(id);
            assertThatThrownBy(() -> routing.service.event(notAService, id, satisfied))
                    .isInstanceOfSatisfying(
                            CaseRefusal.class, r -> assertThat(r.kind()).isEqualTo(CaseRefusal.Kind.NOT_ALLOWED));
            assertThat(routing.cases.stored(id).version).isEqualTo(before.version);
        }
        var followedUp = routing.service.event(system(GENERIC, "followup-service"), id, satisfied);
        assertThat(followedUp.state).isEqualTo(State.FOLLOW_UP);
        assertThat(routing.service.event(
                                system(GENERIC, "followup-service"),
                                id,
                                event("FOLLOW_UP_UNSATISFIED", Map.of("round", 1)))
                        .state)
                .isEqualTo(State.SECOND_HANDLING);
        assertThatThrownBy(
                        () -> routing.service.event(supervisor, id, event("FOLLOW_UP_UNSATISFIED", Map.of("round", 1))))
                .as("an earlier round's outcome is checked too, before it is acknowledged")
                .isInstanceOf(CaseRefusal.class);
    }

    @Test
    @DisplayName("a partner with cases:write is not staff: '*' and staff rows do not let it act on a case")
    void partnersDoNotAct() {
        var id = open(RETAIL, "sh-xujiahui", "STORE").id;
        refused(partner(RETAIL), id, Action.URGE, Step.empty(), "*");
        refused(partner(RETAIL), id, Action.ACCEPT, Step.empty(), "service-desk");
    }

    @Test
    @DisplayName(
            "the reads: '*', partner and system read cases; a tenant's override may narrow a read (403 naming the roles)")
    void readsFollowTheTable() {
        var dealer = CaseFixtures.POLICIES.of(DEALER);
        var asPartner = RoutingPermissions.Asker.of(partner(DEALER));
        assertThat(RoutingPermissions.allows(dealer, Permission.CASE_READ, asPartner))
                .isTrue();
        assertThat(RoutingPermissions.allows(dealer, Permission.INCIDENT_READ, asPartner))
                .isFalse();
        var narrowed = override(Map.of("INCIDENT_READ", List.of("service-director")));
        assertThatThrownBy(() -> RoutingPermissions.require(
                        staff(DEALER, "service-advisor"), narrowed, Permission.INCIDENT_READ))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(e.getMessage()).contains("service-director");
                });
    }

    @Test
    @DisplayName("a tenant's overrides.routing.permissions.<ACTION> replaces that list and only that one")
    void overridesReplaceAList() {
        var policy = override(Map.of("RAISE_LEVEL", List.of("service-advisor")));
        var advisor = RoutingPermissions.Asker.of(staff(DEALER, "service-advisor"));
        var director = RoutingPermissions.Asker.of(staff(DEALER, "service-director"));
        assertThat(RoutingPermissions.allows(policy, Permission.RAISE_LEVEL, advisor))
                .isTrue();
        assertThat(RoutingPermissions.allows(policy, Permission.RAISE_LEVEL, director))
                .isFalse();
        assertThat(policy.rolesFor(Permission.CLOSE)).containsExactly("service-director");
        assertThat(PolicyCheck.problems(policy)).isEmpty();
    }

    @Test
    @DisplayName(
            "preset loading refuses a table that misses an action, names an unknown one or still sets closureRoles/reopenRoles, naming them")
    void incompleteTablesAreRefused() {
        var broken = policy(Map.of(
                "closureRoles", List.of("service-director"),
                "permissions", Map.of("CLOSE", List.of(), "CLOSE_CASE", List.of("service-director"))));
        assertThatThrownBy(() -> PolicyCheck.require("t", broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("permissions names unknown actions: CLOSE_CASE")
                .hasMessageContaining("permissions has no roles for: CLOSE")
                .hasMessageContaining("closureRoles is retired: list the roles under permissions.CLOSE");
    }

    static RoutingPolicy override(Map<String, Object> permissions) {
        return policy(Map.of("permissions", permissions));
    }

    /** The dealer preset under a tenant's {@code overrides.routing}. */
    static RoutingPolicy policy(Map<String, Object> routingOverrides) {
        var tenant = new Tenant("t", "t", "dealer", 2, Map.of(), Map.of(), Map.of("routing", routingOverrides));
        return new TenantPolicies<>(new TenantDirectory(Map.of("t", tenant)), "routing", RoutingPolicy.class).of("t");
    }

    static CallerIdentity person(String tenant, String subject, String role) {
        return new CallerIdentity(
                subject, CallerIdentity.Kind.STAFF, tenant, Set.of(), Set.of(), Set.of(role), Set.of(), subject);
    }

    static CallerIdentity partner(String tenant) {
        return new CallerIdentity(
                "crm",
                CallerIdentity.Kind.PARTNER,
                tenant,
                Set.of(),
                Set.of(),
                Set.of("partner"),
                Set.of("cases:write", "cases:read"),
                "CRM");
    }
}
