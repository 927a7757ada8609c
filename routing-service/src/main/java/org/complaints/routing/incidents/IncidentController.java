package org.complaints.routing.incidents;

import java.util.List;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class IncidentController {

    private final IncidentRepository incidents;

    IncidentController(IncidentRepository incidents) {
        this.incidents = incidents;
    }

    @GetMapping("/incidents/{id}")
    Incident.IncidentView incident(CallerIdentity caller, @PathVariable String id) {
        return incidents
                .findByIdAndTenant(id, caller.tenant())
                .map(Incident::view)
                .orElseThrow(() -> ProblemException.notFound("incident", id));
    }

    @GetMapping("/incidents")
    List<Incident.IncidentView> incidents(CallerIdentity caller) {
        return incidents.latest(caller.tenant(), 100).stream()
                .map(Incident::view)
                .toList();
    }
}
