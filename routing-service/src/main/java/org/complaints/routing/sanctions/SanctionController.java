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
@io.swagger.v3.oas.annotations.tags.Tag(name = "Sanctions")
class SanctionController {

    @io.swagger.v3.oas.annotations.media.Schema(name = "SanctionList")
    record SanctionList(List<SanctionView> items) {}

    private final Sanctions sanctions;

    SanctionController(Sanctions sanctions) {
        this.sanctions = sanctions;
    }

    @io.swagger.v3.oas.annotations.Operation(
            operationId = "recordSanction",
            summary = "Record a sanction on a case (KP-05); an Idempotency-Key replays")
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

    @io.swagger.v3.oas.annotations.Operation(operationId = "listSanctions", summary = "A case's sanctions")
    @GetMapping("/cases/{id}/sanctions")
    SanctionList list(CallerIdentity caller, @PathVariable String id) {
        return new SanctionList(sanctions.forCase(caller, id));
    }
}
