package org.complaints.intake.complaint;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(
        name = "Complaints",
        description = "Complaints as filed, their promises, validity and legal hold (intake-service).")
class ComplaintController {

    @Schema(name = "ComplaintPage")
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
    @Operation(
            operationId = "fileComplaint",
            summary = "File a complaint",
            description = "Needs scope complaints:write. Channels, their mandatory fields and level names are the"
                    + " tenant's: GET /reference/complaints. The case is opened by routing-service after the answer (eventual):"
                    + " `routing.status` is PENDING until routing confirms, then `routing.caseId` names the case.")
    @ApiResponse(
            responseCode = "201",
            description = "Filed (routing continues asynchronously; poll the complaint or GET /cases?complaintId=).",
            headers = {
                @Header(name = "Location", description = "The complaint", schema = @Schema(type = "string")),
                @Header(name = "ETag", description = "The complaint's version", schema = @Schema(type = "string")),
                @Header(name = "Idempotent-Replayed", description = "false", schema = @Schema(type = "string"))
            },
            content = @Content(schema = @Schema(implementation = ComplaintView.class)))
    @ApiResponse(
            responseCode = "200",
            description = "A replay: the same Idempotency-Key with the same body answers the first result.",
            headers = {
                @Header(name = "Location", description = "The complaint", schema = @Schema(type = "string")),
                @Header(name = "ETag", description = "The complaint's version", schema = @Schema(type = "string")),
                @Header(name = "Idempotent-Replayed", description = "true", schema = @Schema(type = "string"))
            },
            content = @Content(schema = @Schema(implementation = ComplaintView.class)))
    @ApiResponse(
            responseCode = "409",
            description = "The Idempotency-Key was already used with a different body.",
            content =
                    @Content(
                            mediaType = org.complaints.support.openapi.ApiDocumentation.PROBLEM_JSON,
                            schema = @Schema(ref = "#/components/schemas/Problem")))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            content =
                    @Content(
                            schema = @Schema(implementation = SubmitComplaintRequest.class),
                            examples = @ExampleObject(name = "dealer walk-in", value = SubmitComplaintRequest.EXAMPLE)))
    @PostMapping(value = "/complaints", consumes = "application/json")
    ResponseEntity<ComplaintView> submit(
            CallerIdentity caller,
            @Parameter(
                            required = true,
                            description = "1-200 characters, unique per complaint: a retry with the same key and body"
                                    + " replays the first answer (200), another body is 409.",
                            example = "crm-4711-2026-03-02")
                    @RequestHeader(value = "Idempotency-Key", required = false)
                    String idempotencyKey,
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

    @Operation(operationId = "getComplaint", summary = "Read a complaint", description = "Needs scope complaints:read.")
    @ApiResponse(
            responseCode = "200",
            description = "The complaint, with the linked earlier complaints' open commitments (OT-02).",
            headers =
                    @Header(name = "ETag", description = "The complaint's version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = ComplaintView.class)))
    @GetMapping("/complaints/{id}")
    ResponseEntity<ComplaintView> get(CallerIdentity caller, @PathVariable String id) {
        requireScope(caller, "complaints:read");
        var view = detailed(caller, handling.find(caller, id));
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    @Operation(
            operationId = "listComplaints",
            summary = "List complaints in the caller's scope, newest first",
            description = "Needs scope complaints:read. `nextCursor` pages on.")
    @GetMapping("/complaints")
    ListView list(
            CallerIdentity caller,
            @RequestParam(required = false) String site,
            @RequestParam(required = false) String region,
            @Parameter(schema = @Schema(implementation = Channel.class)) @RequestParam(required = false) String channel,
            @Parameter(schema = @Schema(implementation = org.complaints.intake.classification.Level.class))
                    @RequestParam(required = false)
                    String level,
            @Parameter(schema = @Schema(implementation = Complaint.Status.class)) @RequestParam(required = false)
                    String status,
            @RequestParam(required = false) Instant createdFrom,
            @RequestParam(required = false) Instant createdTo,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        requireScope(caller, "complaints:read");
        var scope = inScope(caller, region);
        var filter = new ComplaintQueries.Filter(site, region, channel, level, status, createdFrom, createdTo);
        return page(queries.list(scope, filter, cursor, limit));
    }

    @Operation(
            operationId = "listCustomerComplaints",
            summary = "A customer's complaints in the caller's scope",
            description = "Needs scope complaints:read.")
    @GetMapping("/customers/{customerId}/complaints")
    ListView byCustomer(
            CallerIdentity caller,
            @PathVariable String customerId,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") int limit) {
        requireScope(caller, "complaints:read");
        return page(queries.ofCustomer(CallerScope.of(caller), "id:" + customerId, cursor, limit));
    }

    @Operation(
            operationId = "decideComplaintValidity",
            summary = "Decide whether a complaint is valid (LC-31)",
            description = "Staff; roles: the preset's VALIDITY permission (docs/permissions-intake.md). An invalid"
                    + " complaint closes its case in routing-service asynchronously.")
    @PostMapping("/complaints/{id}/validity")
    ComplaintView validity(
            CallerIdentity caller, @PathVariable String id, @RequestBody ComplaintHandling.ValidityDecision decision) {
        return view(handling.decideValidity(caller, id, decision));
    }

    /** The promise as recorded, with {@code warnings} (e.g. due after the resolution deadline). */
    @Schema(name = "RecordedPromise")
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

    @Operation(
            operationId = "recordPromise",
            summary = "Record a promise made to the customer (OT-20)",
            description = "Staff; roles: the preset's PROMISE_CREATE permission.")
    @ApiResponse(
            responseCode = "201",
            description = "Recorded, with warnings (e.g. due after the resolution deadline).",
            content = @Content(schema = @Schema(implementation = PromiseView.class)))
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

    @Operation(operationId = "listPromises", summary = "The promises made on a complaint")
    @GetMapping("/complaints/{id}/promises")
    List<Complaint.Promise> promises(CallerIdentity caller, @PathVariable String id) {
        return handling.find(caller, id).promises;
    }

    @Schema(name = "PromiseFulfilment")
    record Fulfilment(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
            Boolean kept) {}

    @Operation(
            operationId = "recordPromiseFulfilment",
            summary = "Record a promise kept or broken (OT-21)",
            description = "Staff; roles: the preset's PROMISE_FULFIL permission.")
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

    @Operation(
            operationId = "setLegalHold",
            summary = "Place or lift a legal hold (retention)",
            description = "Staff; roles: the preset's LEGAL_HOLD permission.")
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
