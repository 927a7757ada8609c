package org.complaints.routing.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.complaints.support.identity.CallerIdentity;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case steps of staff conduct and customer-facing texts (issue 15; ADRs 0500-0502): customer
 * flags and safety alerts (CL-23, ESC-09, CH-04), paraphrase (CM-03), liability (CM-04), reply
 * letters (CM-16) and PR approval of written statements (CM-15). One operation per step, as
 * {@link CaseStepController}, taken through {@link CaseSteps}.
 */
@RestController
@Tag(name = "Case steps", description = "Staff steps on a case (routing-service); each answers the case after it.")
class ConductStepController {

    private final CaseSteps steps;

    ConductStepController(CaseSteps steps) {
        this.steps = steps;
    }

    @Operation(
            operationId = "flagCustomer",
            summary = "Flag the customer (CL-23; CH-04 reporter or lawyer)",
            description =
                    "Staff step; the roles allowed are the preset's `FLAG` permission (`x-roles`, per preset; docs/permissions-routing.md). Sets off what the tenant's policy says for the flag (`flags` in GET /policies/{tenant}): MEDIA_OR_LEGAL_PROFESSION raises the case to at least MAJOR (CL-02.3), opens the brand PR route where the preset has one (dealer: ESC-01 BRAND_PR_ESCALATION task) and makes written statements wait for PR approval (CM-15); a banner shows on the case. A flag the tenant does not act on is 422; a flag already set changes nothing. Answers the case after the step (read your own write).")
    @CaseStepController.CaseStep(Action.FLAG)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = ConductBodies.Flag.class)))
    @PostMapping("/cases/{id}/flags")
    ResponseEntity<CaseView> flagCustomer(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.FLAG, ifMatch, body);
    }

    @Operation(
            operationId = "raiseSafetyAlert",
            summary = "Raise a safety alert: violent or threatening customer (ESC-09, CM-14)",
            description =
                    "Staff step; the roles allowed are the preset's `SAFETY_ALERT` permission (`x-roles`; every staff member by default). Flags VIOLENCE_RISK, notifies the preset's recipients at once (site manager and security: `SAFETY_ALERT` notifications), opens the assistance task and shows the banner 'ensure your own safety; seek assistance'. The owner does not change: handling continues. Every later press alerts again. Answers the case after the step (read your own write).")
    @CaseStepController.CaseStep(Action.SAFETY_ALERT)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = ConductBodies.SafetyAlert.class)))
    @PostMapping("/cases/{id}/safety-alerts")
    ResponseEntity<CaseView> raiseSafetyAlert(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.SAFETY_ALERT, ifMatch, body);
    }

    @Operation(
            operationId = "recordParaphrase",
            summary = "Record the paraphrase of the core problem and the customer's confirmation (CM-03, LC-22)",
            description =
                    "Staff step; the roles allowed are the preset's `PARAPHRASE` permission (`x-roles`, per preset; docs/permissions-routing.md). Records what the staff member restated (`text`) and whether the customer confirmed it (`confirmed`, required). Answers the case after the step (read your own write).")
    @CaseStepController.CaseStep(Action.PARAPHRASE)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = ConductBodies.Paraphrase.class)))
    @PostMapping("/cases/{id}/paraphrases")
    ResponseEntity<CaseView> recordParaphrase(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.PARAPHRASE, ifMatch, body);
    }

    @Operation(
            operationId = "acceptLiability",
            summary = "Accept liability, once the facts are verified (CM-04)",
            description =
                    "Staff step; the roles allowed are the preset's `ACCEPT_LIABILITY` permission (`x-roles`, per preset; docs/permissions-routing.md). Refused with 409 `verify-facts-first` while the complaint's validity is PENDING (LC-31) or, where the preset requires it, the root cause is not on record (the LC-06 task). An apology for the inconvenience never needs it. Answers the case after the step (read your own write).")
    @CaseStepController.CaseStep(Action.ACCEPT_LIABILITY)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Note.class)))
    @PostMapping("/cases/{id}/liability")
    ResponseEntity<CaseView> acceptLiability(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.ACCEPT_LIABILITY, ifMatch, body);
    }

    @Operation(
            operationId = "sendReplyLetter",
            summary = "Send a reply letter with the six CM-16 sections (§12 linter)",
            description =
                    "Staff step; the roles allowed are the preset's `LETTER` permission (`x-roles`, per preset; docs/permissions-routing.md). Every section is required (the mistake admitted only once liability is accepted, and flagged before); an empty one is 422 `incomplete-letter` naming it, nothing stored. Each section is checked by the §12 linter: in BLOCK mode a banned phrase is 422 `banned-phrase` naming it and its replacement; in WARN mode the hits are stored with the letter (`messages[].check`). To a customer whose flag needs PR approval (CM-15) the letter waits as AWAITING_APPROVAL. Answers the case after the step (read your own write).")
    @CaseStepController.CaseStep(Action.LETTER)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = ConductBodies.Letter.class)))
    @PostMapping("/cases/{id}/letters")
    ResponseEntity<CaseView> sendReplyLetter(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.LETTER, ifMatch, body);
    }

    @Operation(
            operationId = "decideStatement",
            summary = "Approve or withhold a written statement waiting for PR approval (CM-15)",
            description =
                    "Staff step; the roles allowed are the preset's `APPROVE_STATEMENT` permission (`x-roles`; dealer: the marketing manager). `APPROVE` sends the message or letter (`status` SENT), `REJECT` withholds it (`WITHHELD`, reason required); a statement decided already is 409. Answers the case after the step (read your own write).")
    @CaseStepController.CaseStep(Action.APPROVE_STATEMENT)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = ConductBodies.StatementDecision.class)))
    @PostMapping("/cases/{id}/statement-approvals")
    ResponseEntity<CaseView> decideStatement(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.APPROVE_STATEMENT, ifMatch, body);
    }
}
