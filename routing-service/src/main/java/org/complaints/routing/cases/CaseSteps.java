package org.complaints.routing.cases;

import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.web.ProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Takes one staff step on a case for every step operation: the If-Match version, then the service. */
@Component
class CaseSteps {

    private final CaseService service;

    CaseSteps(CaseService service) {
        this.service = service;
    }

    ResponseEntity<CaseView> take(CallerIdentity caller, String id, Action action, String ifMatch, Step body) {
        var request = body == null ? Step.empty() : body;
        if (ifMatch != null) {
            request = request.withVersion(version(ifMatch));
        }
        var taken = service.act(caller, id, action, request);
        var view = service.view(taken);
        return ResponseEntity.ok().eTag(CaseController.etag(view.version())).body(view);
    }

    private static Long version(String ifMatch) {
        try {
            return Long.parseLong(ifMatch.replace("W/", "").replace("\"", "").trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("If-Match", "is not an ETag this service issued");
        }
    }
}
