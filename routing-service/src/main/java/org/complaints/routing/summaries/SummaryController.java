package org.complaints.routing.summaries;

import org.complaints.support.identity.CallerIdentity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /cases/summary?month=YYYY-MM}: the routing part of the monthly report. */
@RestController
class SummaryController {

    private final CaseSummary summaries;

    SummaryController(CaseSummary summaries) {
        this.summaries = summaries;
    }

    @GetMapping("/cases/summary")
    CaseSummary.Summary summary(
            CallerIdentity caller,
            @RequestParam String month,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String site,
            @RequestParam(required = false) String department) {
        return summaries.summary(caller, month, region, site, department);
    }
}
