package org.complaints.routing.sanctions;

import java.net.URI;
import java.util.List;
import org.complaints.support.identity.CallerIdentity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /cases/{id}/sanctions} (201, a replay of the same {@code Idempotency-Key} 200) and
 * {@code GET /cases/{id}/sanctions}: the penalties recorded on a case (KP-05).
 */
@RestController
class SanctionController {

    record SanctionList(List<SanctionView> items) {}

    private final Sanctions sanctions;

    SanctionController(Sanctions sanctions) {
        this.sanctions = sanctions;
    }

    @PostMapping(value = "/cases/{id}/sanctions", consumes = "application/json")
    ResponseEntity<SanctionView> record(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) SanctionRequest body) {
        var created = sanctions.record(caller, id, body, idempotencyKey);
        var view = created.sanction();
        return ResponseEntity.status(created.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/cases/" + view.caseId() + "/sanctions"))
                .body(view);
    }

    @GetMapping("/cases/{id}/sanctions")
    SanctionList list(CallerIdentity caller, @PathVariable String id) {
        return new SanctionList(sanctions.forCase(caller, id));
    }
}
