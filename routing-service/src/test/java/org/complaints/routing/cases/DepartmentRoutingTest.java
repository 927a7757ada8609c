package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaints.routing.cases.CaseFixtures.local;
import static org.complaints.routing.cases.InMemoryRouting.staff;
import static org.complaints.routing.cases.InMemoryRouting.system;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaints.routing.policy.PolicyCheck;
import org.complaints.routing.policy.RoutingPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LC-32 / RT-03 / RT-04: the department, its handling unit and handling lead; RT-07: major and
 * legal-risk complaints reach legal with the legal-risk checklist; OT-31: a coded root cause puts
 * the case in its responsibility category. Real presets and demo tenants, in-memory repositories.
 */
class DepartmentRoutingTest {

    static OpenCaseRequest retail(String category, String level, List<String> circumstances) {
        return new OpenCaseRequest(
                UUID.randomUUID().toString(),
                null,
                null,
                "sh-xujiahui",
                "COMPANY_HOTLINE",
                level,
                null,
                null,
                null,
                category,
                null,
                circumstances,
                null,
                null,
                null,
                null,
                null);
    }

    @ParameterizedTest(name = "RT-04 {0} → {1}, unit {2}, lead {3}")
    @CsvSource({
        "门管, store-management, 门店管理部 (门管), retail.storemgr",
        "物流, logistics, 物流配送中心 (物流), retail.logistics",
        "售后, after-sales, 售后服务部 (售后), retail.aftersales",
        "广宣, advertising, 广宣部 (广宣), retail.advertising",
        "财务, finance, 财务部 (财务), retail.finance",
        "采销, purchasing, 采销部 (采销), retail.purchasing",
        "厂家, manufacturer, 厂家驻店联络 (厂家), retail.vendor"
    })
    @DisplayName(
            "RT-04 / LC-32: each of the seven retail responsibility categories reaches its own department, unit and lead")
    void responsibilityCategoryReachesItsDepartment(String category, String department, String unit, String lead) {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var c = routing.service
                .open(system("demo-retail", "intake-service"), retail(category, "GENERAL", List.of()))
                .kase();

        var view = routing.service.view(routing.cases.stored(c.id));
        assertThat(view.department()).isEqualTo(department);
        assertThat(view.handlingUnit()).isEqualTo(unit);
        assertThat(view.handlingLead()).isEqualTo(lead);
        assertThat(view.responsibilityCategory()).isEqualTo(category);
    }

    @ParameterizedTest(name = "LC-32 preset {0}")
    @ValueSource(strings = {"dealer", "retail", "generic"})
    @DisplayName("LC-32: every department a preset can route to has a handling unit and a handling lead")
    void everyShippedDepartmentHasUnitAndLead(String preset) {
        var policy = CaseFixtures.POLICIES.shipped(preset);
        assertThat(policy.departments().reachable()).isNotEmpty().allSatisfy(department -> {
            var unit = policy.departments().units().get(department);
            assertThat(unit).as(department).isNotNull();
            assertThat(unit.unit()).as(department).isNotBlank();
            assertThat(unit.lead()).as(department).isNotBlank();
        });
        assertThat(policy.departments().units()).containsKey("legal");
        assertThat(PolicyCheck.problems(policy)).isEmpty();
    }

    @ParameterizedTest(name = "LC-32 demo tenant {0}")
    @ValueSource(strings = {"demo-dealer", "demo-retail", "demo-generic"})
    @DisplayName("LC-32: the demo tenants name a person, not a role, as every department's handling lead")
    void demoTenantsNamePeople(String tenant) {
        var units = CaseFixtures.POLICIES.of(tenant).departments().units();
        assertThat(units.values())
                .isNotEmpty()
                .allSatisfy(unit -> assertThat(unit.lead())
                        .as(unit.unit())
                        .startsWith(tenant.substring("demo-".length()) + ".")
                        .doesNotStartWith("role:"));
    }

    @org.junit.jupiter.api.Test
    @DisplayName("LC-32: a preset whose reachable department has no unit and lead is refused at load, naming it")
    void departmentWithoutUnitIsRefused() {
        var p = CaseFixtures.POLICIES.shipped("retail");
        var d = p.departments();
        var units = new java.util.HashMap<>(d.units());
        units.remove("logistics");
        var broken = new RoutingPolicy.Departments(
                d.byResponsibilityCategory(), d.bySubjectType(), d.byDomain(), d.fallback(), units);
        var policy = new RoutingPolicy(
                p.levelNames(),
                p.triageRole(),
                broken,
                p.responsiblePersons(),
                p.directToPersonChannels(),
                p.clocks(),
                p.countingWindow(),
                p.sideRoutes(),
                p.permissions(),
                p.closureRoles(),
                p.closureRequiresFollowUp(),
                p.reopenRoles(),
                p.vagueMeasures(),
                p.atRiskShare(),
                p.groupComplaint(),
                p.conflictRole(),
                p.autoHandOver(),
                p.ladder(),
                p.handlingTasks(),
                p.flags(),
                p.liability(),
                Map.of("NEGATIVE_SALE_NO_CONFIRMATION", new RoutingPolicy.RootCause("不存在", null)));

        assertThat(PolicyCheck.problems(policy))
                .anySatisfy(problem ->
                        assertThat(problem).contains("department logistics").contains("LC-32"))
                .anySatisfy(problem -> assertThat(problem).contains("rootCauses.NEGATIVE_SALE_NO_CONFIRMATION"));
    }

    @ParameterizedTest(name = "RT-07 {0}")
    @CsvSource({"demo-dealer, sh-minhang, WALK_IN", "demo-retail, sh-xujiahui, COMPANY_HOTLINE"})
    @DisplayName(
            "RT-07: a major complaint reaches the legal department with the legal-risk checklist, in the dealer and retail presets too")
    void majorComplaintReachesLegal(String tenant, String site, String channel) {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var request = InMemoryRouting.request(site, channel, "MAJOR", null, null, null);
        var c = routing.service.open(system(tenant, "intake-service"), request).kase();

        var legal = CaseTasksTest.task(c, "LEGAL_REPORT");
        assertThat(legal.rule()).isEqualTo("RT-07");
        assertThat(legal.assignee()).isEqualTo("role:legal");
        assertThat(legal.dueAt()).as("within the site's first working hour").isEqualTo(local("2025-03-03T12:00"));
        var view = routing.service.view(routing.cases.stored(c.id));
        assertThat(view.checklists()).singleElement().satisfies(list -> {
            assertThat(list.rule()).isEqualTo("RT-07");
            assertThat(list.task()).isEqualTo("LEGAL_REPORT");
            assertThat(list.items())
                    .hasSize(5)
                    .anySatisfy(item -> assertThat(item).contains("消费者权益保护法"));
        });
        assertThat(view.escalations()).anySatisfy(e -> {
            assertThat(e.rule()).isEqualTo("RT-07");
            assertThat(e.to()).isEqualTo("role:legal");
        });
    }

    @org.junit.jupiter.api.Test
    @DisplayName("RT-07: a legal risk reaches legal whatever the level; a general complaint without one does not")
    void legalRiskReachesLegalAtAnyLevel() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var risky = routing.service
                .open(system("demo-retail", "intake-service"), retail("门管", "URGENT", List.of("LEGAL_RISK")))
                .kase();
        var plain = routing.service
                .open(system("demo-retail", "intake-service"), retail("门管", "URGENT", List.of()))
                .kase();

        assertThat(risky.tasks).extracting(t -> t.task()).contains("LEGAL_REPORT");
        assertThat(risky.checklists).hasSize(1);
        assertThat(plain.tasks).extracting(t -> t.task()).doesNotContain("LEGAL_REPORT");
        assertThat(plain.checklists).isEmpty();
    }

    @org.junit.jupiter.api.Test
    @DisplayName(
            "OT-31 (scenario 17): root cause NEGATIVE_SALE_NO_CONFIRMATION puts a logistics complaint in 门管 and the store-management department; the owner stays")
    void negativeSaleIsStoreManagement() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var c = routing.service
                .open(system("demo-retail", "intake-service"), retail("物流", "GENERAL", List.of()))
                .kase();
        assertThat(c.department).isEqualTo("logistics");
        var desk = staff("demo-retail", "service-desk");
        routing.service.act(desk, c.id, Action.ACCEPT, Step.empty());
        routing.service.act(desk, c.id, Action.CONTACT, Step.empty());
        var owner = routing.cases.stored(c.id).owner;

        var resolved = routing.service.act(desk, c.id, Action.RESOLVE, resolution("NEGATIVE_SALE_NO_CONFIRMATION"));

        assertThat(resolved.responsibilityCategory).isEqualTo("门管");
        assertThat(resolved.department).isEqualTo("store-management");
        assertThat(resolved.handlingLead).isEqualTo("retail.storemgr");
        assertThat(resolved.owner).isEqualTo(owner);
        assertThat(resolved.resolution.rootCauseCode()).isEqualTo("NEGATIVE_SALE_NO_CONFIRMATION");
    }

    @org.junit.jupiter.api.Test
    @DisplayName("OT-31: a root-cause code the tenant does not attribute leaves category and department as they were")
    void uncodedCauseKeepsTheCategory() {
        var routing = new InMemoryRouting(local("2025-03-03T11:00"));
        var c = routing.service
                .open(system("demo-retail", "intake-service"), retail("物流", "GENERAL", List.of()))
                .kase();
        var desk = staff("demo-retail", "service-desk");
        routing.service.act(desk, c.id, Action.ACCEPT, Step.empty());
        routing.service.act(desk, c.id, Action.CONTACT, Step.empty());

        var resolved = routing.service.act(desk, c.id, Action.RESOLVE, resolution("SOMETHING_ELSE"));

        assertThat(resolved.responsibilityCategory).isEqualTo("物流");
        assertThat(resolved.department).isEqualTo("logistics");
    }

    static Step resolution(String code) {
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
                        "缺货商品负卖，未签《负卖确认函》",
                        code,
                        "补签确认函并告知顾客到货时间未知",
                        new Case.Measure("负卖单据在收银系统中必须上传已签确认函方可结算", "门店店长", LocalDate.parse("2025-04-01")),
                        false,
                        null,
                        null),
                null,
                null);
    }
}
