package org.complaints.routing.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaints.routing.cases.CaseFixtures.local;
import static org.complaints.routing.cases.InMemoryRouting.request;
import static org.complaints.routing.cases.InMemoryRouting.staff;
import static org.complaints.routing.cases.InMemoryRouting.system;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3 (SLA-D4, DOMAIN §11.3): a general reception complaint received at 15:20 is due for
 * hand-over at the end of the site's working day (18:00); handed over at 18:05 it is breached, and
 * the breach is counted under the catalogue's {@code complaints_handover_sla_breached_total} as well
 * as {@code complaints_sla_breached_total{clock="HAND_OVER"}}.
 */
class HandOverBreachMetricTest {

    @Test
    @DisplayName(
            "scenario 3 / SLA-D4: handed over at 18:05 for an 18:00 deadline → breached, complaints_handover_sla_breached_total and the HAND_OVER breach counter +1")
    void lateHandOverIsCountedUnderTheCatalogueName() {
        var routing = new InMemoryRouting(local("2025-03-03T15:20"));
        var c = routing.service
                .open(
                        system("demo-dealer", "intake-service"),
                        request(
                                "sh-minhang",
                                "SERVICE_ADVISOR_RECEPTION",
                                "GENERAL",
                                null,
                                null,
                                local("2025-03-03T15:20")))
                .kase();
        assertThat(CaseRulesTest.deadline(c, "SLA-D4", 1).dueAt()).isEqualTo(local("2025-03-03T18:00"));
        assertThat(handOverBreaches(routing)).isZero();

        routing.clock.set(local("2025-03-03T18:05"));
        var handed = routing.service.act(staff("demo-dealer", "service-advisor"), c.id, Action.HAND_OVER, Step.empty());

        assertThat(CaseRulesTest.deadline(handed, "SLA-D4", 1).status()).isEqualTo("BREACHED");
        assertThat(handOverBreaches(routing)).isEqualTo(1.0);
        assertThat(routing.meters
                        .get("complaints.sla.breached")
                        .tags("tenant", "demo-dealer", "clock", "HAND_OVER")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    private static double handOverBreaches(InMemoryRouting routing) {
        return routing.meters
                .get("complaints.handover.sla.breached")
                .tag("tenant", "demo-dealer")
                .counter()
                .count();
    }
}
