package org.complaints.routing.sanctions;

import io.swagger.v3.oas.annotations.Hidden;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/v1/sanctions/summary?month&region&site}: the month's sanctions per person
 * for follow-up's monthly report (KP-05). A system identity only: the public summary is readable by
 * any staff member and partners, the names and fines of staff are not; the report applies its
 * reader's scope before it asks (ADR 0021) and its own rule for who sees persons (ADR 0242).
 */
@RestController
@Hidden
class InternalSanctionController {

    private final Sanctions sanctions;

    InternalSanctionController(Sanctions sanctions) {
        this.sanctions = sanctions;
    }

    @GetMapping("/internal/v1/sanctions/summary")
    Sanctions.Summary summary(
            CallerIdentity caller,
            @RequestParam String month,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String site) {
        if (!caller.isSystem()) {
            throw ProblemException.forbidden("Only a service reads the sanctions summary.");
        }
        return sanctions.summary(caller, month, region, site);
    }
}
