package org.complaints.intake.complaint;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.complaints.support.identity.CallerIdentity;
import org.complaints.support.scope.CallerScope;
import org.complaints.support.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
class ComplaintController {

    record ListView(List<ComplaintView> items, String nextCursor) {}

    private final ComplaintIntake intake;
    private final ComplaintHandling handling;
    private final ComplaintQueries queries;
    private final EarlierCommitments commitments;

    ComplaintController(
            ComplaintIntake intake,
            ComplaintHandling handling,
            ComplaintQueries queries,
            EarlierCommitments commitments) {
        this.intake = intake;
        this.handling = handling;
        this.queries = queries;
        this.commitments = commitments;
    }

    /** 201 for a new complaint; a retry with the same key and body replays it with 200. */
    @PostMapping(value = "/complaints", consumes = "application/json")
    ResponseEntity<ComplaintView> submit(
            CallerIdentity caller,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody @jakarta.validation.Valid SubmitComplaintRequest request) {
        requireScope(caller, "complaints:write");
        var filed = intake.submit(caller, idempotencyKey, request);
        var view = detailed(caller, filed.complaint());
        var status = filed.created() ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status)
                .location(URI.create("/complaints/" + view.id()))
                .eTag(etag(view.version()))
                .header("Idempotent-Replayed", Boolean.toString(!filed.created()))
                .body(view);
    }

    @GetMapping("/complaints/{id}")
    ResponseEntity<ComplaintView> get(CallerIdentity caller, @PathVariable String id) {
        requireScope(caller, "complaints:read");
        var view = detailed(caller, handling.find(caller, id));
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    @GetMapping("/complaints")
    ListView list(
            CallerIdentity caller,
            @RequestParam(required = false) String site,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Instant createdFrom,
            @RequestParam(required = false) Instant createdTo,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        requireScope(caller, "complaints:read");
        var scope = inScope(caller, region);
        var filter = new ComplaintQueries.Filter(site, region, channel, level, status, createdFrom, createdTo);
        return page(queries.list(scope, filter, cursor, limit));
    }

    @GetMapping("/customers/{customerId}/complaints")
    ListView byCustomer(
            CallerIdentity caller,
            @PathVariable String customerId,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        requireScope(caller, "complaints:read");
        return page(queries.ofCustomer(CallerScope.of(caller), "id:" + customerId, cursor, limit));
    }

    @PostMapping("/complaints/{id}/validity")
    ComplaintView validity(
            CallerIdentity caller, @PathVariable String id, @RequestBody ComplaintHandling.ValidityDecision decision) {
        return view(handling.decideValidity(caller, id, decision));
    }

    /** The promise as recorded, with {@code warnings} (e.g. due after the resolution deadline). */
    record PromiseView(
            String promiseId,
            String text,
            Instant dueAt,
            String owner,
            String status,
            String supervisorRole,
            String recordedBy,
            Instant recordedAt,
            Instant fulfilledAt,
            List<ComplaintHandling.Warning> warnings) {}

    @PostMapping("/complaints/{id}/promises")
    ResponseEntity<PromiseView> promise(
            CallerIdentity caller, @PathVariable String id, @RequestBody ComplaintHandling.PromiseRequest request) {
        var recorded = handling.promise(caller, id, request);
        var p = recorded.promise();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new PromiseView(
                        p.promiseId(),
                        p.text(),
                        p.dueAt(),
                        p.owner(),
                        p.status(),
                        p.supervisorRole(),
                        p.recordedBy(),
                        p.recordedAt(),
                        p.fulfilledAt(),
                        recorded.warnings()));
    }

    @GetMapping("/complaints/{id}/promises")
    List<Complaint.Promise> promises(CallerIdentity caller, @PathVariable String id) {
        return handling.find(caller, id).promises;
    }

    record Fulfilment(Boolean kept) {}

    @PostMapping("/complaints/{id}/promises/{promiseId}/fulfilment")
    Complaint.Promise fulfil(
            CallerIdentity caller,
            @PathVariable String id,
            @PathVariable String promiseId,
            @RequestBody Fulfilment fulfilment) {
        if (fulfilment.kept() == null) {
            throw ProblemException.invalid("kept", "is required");
        }
        return handling.fulfil(caller, id, promiseId, fulfilment.kept());
    }

    @PostMapping("/complaints/{id}/legal-hold")
    ComplaintView legalHold(
            CallerIdentity caller, @PathVariable String id, @RequestBody ComplaintHandling.LegalHoldRequest request) {
        return view(handling.legalHold(caller, id, request));
    }

    private ListView page(ComplaintQueries.Page page) {
        return new ListView(page.items().stream().map(this::view).toList(), page.nextCursor());
    }

    /** One complaint with its earlier complaints' open commitments (OT-02), details within the caller's scope. */
    private ComplaintView detailed(CallerIdentity caller, Complaint complaint) {
        return ComplaintView.of(
                complaint, intake.levelName(complaint), commitments.open(complaint, CallerScope.of(caller)));
    }

    private ComplaintView view(Complaint complaint) {
        return ComplaintView.of(complaint, intake.levelName(complaint));
    }

    /** The caller's scope; asking for a region outside it is answered as not found (issue 12). */
    static CallerScope inScope(CallerIdentity caller, String region) {
        var scope = CallerScope.of(caller);
        if (!scope.mayAskFor(region)) {
            throw ProblemException.notFound("region", region);
        }
        return scope;
    }

    private static void requireScope(CallerIdentity caller, String scope) {
        if (!caller.hasScope(scope)) {
            throw ProblemException.forbidden("Scope " + scope + " is required.");
        }
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }
}
