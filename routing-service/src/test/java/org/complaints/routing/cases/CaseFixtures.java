package org.complaints.routing.cases;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.complaints.routing.calendar.SiteCalendar;
import org.complaints.routing.policy.RoutingPolicy;
import org.complaints.support.tenant.TenantDirectory;
import org.complaints.support.tenant.TenantPolicies;

/** The demo tenants' real presets and sites, and cases built in memory, for clock rules. */
final class CaseFixtures {

    static final TenantDirectory TENANTS = TenantDirectory.load(null);
    static final TenantPolicies<RoutingPolicy> POLICIES = new TenantPolicies<>(TENANTS, "routing", RoutingPolicy.class);
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    final List<Case.Deadline> breached = new ArrayList<>();
    final List<Case.Deadline> atRisk = new ArrayList<>();
    final String tenant;
    final String site;

    CaseFixtures(String tenant, String site) {
        this.tenant = tenant;
        this.site = site;
    }

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }

    static Instant berlin(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ZoneId.of("Europe/Berlin")).toInstant();
    }

    RoutingPolicy policy() {
        return POLICIES.of(tenant);
    }

    CaseClocks clocks() {
        return clocks(policy());
    }

    CaseClocks clocks(RoutingPolicy policy) {
        var s = TENANTS.find(tenant).orElseThrow().site(site).orElseThrow();
        return new CaseClocks(policy, new SiteCalendar(s), new CaseClocks.Signals() {
            @Override
            public void atRisk(Case c, Case.Deadline d) {
                atRisk.add(d);
            }

            @Override
            public void breached(Case c, Case.Deadline d) {
                breached.add(d);
            }

            @Override
            public void escalated(Case c, Case.Escalation e) {}
        });
    }

    Case open(String channel, String level, Instant receivedAt) {
        var policy = policy();
        var c = new Case();
        c.id = "case-1";
        c.tenant = tenant;
        c.site = site;
        c.region = TENANTS.find(tenant).orElseThrow().site(site).orElseThrow().region();
        c.channel = channel;
        c.level = level;
        c.receivedAt = receivedAt;
        c.levels = List.of(new Case.LevelChange(level, receivedAt, "OPEN"));
        var s = TENANTS.find(tenant).orElseThrow().site(site).orElseThrow();
        c.timingStart = new SiteCalendar(s).timingStart(receivedAt, policy.countingWindow());
        clocks().plan(c);
        return c;
    }

    static Case.Deadline deadline(Case c, String rule) {
        return c.deadlines.stream()
                .filter(d -> d.rule().equals(rule))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no deadline " + rule + " in " + c.deadlines));
    }
}
