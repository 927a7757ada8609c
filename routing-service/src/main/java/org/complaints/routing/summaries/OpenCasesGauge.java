package org.complaints.routing.summaries;

import org.complaints.routing.cases.CaseRepository;
import org.complaints.routing.system.RoutingMetrics;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refreshes {@code complaints.cases.open} from one grouped count. That count reads every case on
 * the embedded store, so it runs on its own slow schedule, not with every deadline sweep (ADR 0023).
 */
@Component
class OpenCasesGauge {

    private final CaseRepository cases;
    private final RoutingMetrics metrics;

    OpenCasesGauge(CaseRepository cases, RoutingMetrics metrics) {
        this.cases = cases;
        this.metrics = metrics;
    }

    @Scheduled(
            fixedDelayString = "${complaints.gauges.interval:PT5M}",
            initialDelayString = "${complaints.sweep.initial-delay:PT5S}")
    void refresh() {
        metrics.openCases(cases.openByTenantAndLevel());
    }
}
