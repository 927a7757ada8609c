package org.complaints.routing.cases;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.complaints.support.identity.CallerIdentity;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * One operation per case step (issue 13, ADR 0281): each has its own path, operationId, body and
 * permission ({@link CaseStep}, published as {@code x-roles}), and all take the step through
 * {@link CaseSteps}. The URLs are those of {@link CaseController#STEPS}.
 */
@RestController
@Tag(name = "Case steps", description = "Staff steps on a case (routing-service); each answers the case after it.")
class CaseStepController {

    /** The permission a step handler's operation documents (its roles per preset, {@code x-roles}). */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface CaseStep {
        Action value();
    }

    private final CaseSteps steps;

    CaseStepController(CaseSteps steps) {
        this.steps = steps;
    }

    @Operation(
            operationId = "handOverCase",
            summary = "Hand the case over to its decision owner (LC-03, LC-50)",
            description =
                    "Staff step; the roles allowed are the preset's `HAND_OVER` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously.")
    @CaseStep(Action.HAND_OVER)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Note.class)))
    @PostMapping("/cases/{id}/hand-over")
    ResponseEntity<CaseView> handOverCase(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.HAND_OVER, ifMatch, body);
    }

    @Operation(
            operationId = "acceptCase",
            summary = "Accept the case (接单; LC-05, LC-50)",
            description =
                    "Staff step; the roles allowed are the preset's `ACCEPT` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously. Stops the acceptance clock and starts the handling clocks.")
    @CaseStep(Action.ACCEPT)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Note.class)))
    @PostMapping("/cases/{id}/acceptance")
    ResponseEntity<CaseView> acceptCase(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.ACCEPT, ifMatch, body);
    }

    @Operation(
            operationId = "assignCase",
            summary = "Assign the department and the responsible person (RT-01, RT-03, RT-04)",
            description =
                    "Staff step; the roles allowed are the preset's `ASSIGN` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously.")
    @CaseStep(Action.ASSIGN)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Assignment.class)))
    @PostMapping("/cases/{id}/assignment")
    ResponseEntity<CaseView> assignCase(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.ASSIGN, ifMatch, body);
    }

    @Operation(
            operationId = "recordContact",
            summary = "Record a contact with the customer (LC-61, §5, §9)",
            description =
                    "Staff step; the roles allowed are the preset's `CONTACT` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously. The first contact responds to the customer (stops the response clock); later ones are logged.")
    @CaseStep(Action.CONTACT)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Contact.class)))
    @PostMapping("/cases/{id}/contacts")
    ResponseEntity<CaseView> recordContact(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.CONTACT, ifMatch, body);
    }

    @Operation(
            operationId = "recordUrging",
            summary = "Record an urging call from the customer (SLA-G2, SLA-G6)",
            description =
                    "Staff step; the roles allowed are the preset's `URGE` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously.")
    @CaseStep(Action.URGE)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Note.class)))
    @PostMapping("/cases/{id}/urgings")
    ResponseEntity<CaseView> recordUrging(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.URGE, ifMatch, body);
    }

    @Operation(
            operationId = "startInvestigation",
            summary = "Start the root-cause investigation (LC-06, LC-33)",
            description =
                    "Staff step; the roles allowed are the preset's `INVESTIGATE` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously.")
    @CaseStep(Action.INVESTIGATE)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Note.class)))
    @PostMapping("/cases/{id}/investigation")
    ResponseEntity<CaseView> startInvestigation(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.INVESTIGATE, ifMatch, body);
    }

    @Operation(
            operationId = "proposeSolution",
            summary = "Propose a solution (LC-34, LC-48, OT-02)",
            description =
                    "Staff step; the roles allowed are the preset's `PROPOSE` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously. A remedy with an amount is proposed to compensation-service (POST /compensations) after this step.")
    @CaseStep(Action.PROPOSE)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Solution.class)))
    @PostMapping("/cases/{id}/solution")
    ResponseEntity<CaseView> proposeSolution(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.PROPOSE, ifMatch, body);
    }

    @Operation(
            operationId = "offerSolution",
            summary = "Offer the solution to the customer (LC-34, CP-06)",
            description =
                    "Staff step; the roles allowed are the preset's `OFFER` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously.")
    @CaseStep(Action.OFFER)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Note.class)))
    @PostMapping("/cases/{id}/offer")
    ResponseEntity<CaseView> offerSolution(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.OFFER, ifMatch, body);
    }

    @Operation(
            operationId = "recordAgreement",
            summary = "Record the agreement with the customer (LC-45)",
            description =
                    "Staff step; the roles allowed are the preset's `AGREE` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously.")
    @CaseStep(Action.AGREE)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Note.class)))
    @PostMapping("/cases/{id}/agreement")
    ResponseEntity<CaseView> recordAgreement(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.AGREE, ifMatch, body);
    }

    @Operation(
            operationId = "recordImplementation",
            summary = "Record the implementation of the agreed remedy (LC-35)",
            description =
                    "Staff step; the roles allowed are the preset's `IMPLEMENT` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously.")
    @CaseStep(Action.IMPLEMENT)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Note.class)))
    @PostMapping("/cases/{id}/implementation")
    ResponseEntity<CaseView> recordImplementation(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.IMPLEMENT, ifMatch, body);
    }

    @Operation(
            operationId = "resolveCase",
            summary = "Record the resolution: root cause, correction, long-term measure (LC-08, LC-10)",
            description =
                    "Staff step; the roles allowed are the preset's `RESOLVE` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously. Plans the follow-up in followup-service asynchronously (GET /follow-ups?caseId= shows it within seconds).")
    @CaseStep(Action.RESOLVE)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Resolution.class)))
    @PostMapping("/cases/{id}/resolution")
    ResponseEntity<CaseView> resolveCase(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.RESOLVE, ifMatch, body);
    }

    @Operation(
            operationId = "closeCase",
            summary = "Close the case (LC-07)",
            description =
                    "Staff step; the roles allowed are the preset's `CLOSE` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously. Where the preset requires it, waits for the round's satisfied follow-up (422 otherwise). The complaint's status follows asynchronously.")
    @CaseStep(Action.CLOSE)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Note.class)))
    @PostMapping("/cases/{id}/closure")
    ResponseEntity<CaseView> closeCase(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.CLOSE, ifMatch, body);
    }

    @Operation(
            operationId = "reopenCase",
            summary = "Reopen a case by hand (ESC-08)",
            description =
                    "Staff step; the roles allowed are the preset's `REOPEN` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously.")
    @CaseStep(Action.REOPEN)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Note.class)))
    @PostMapping("/cases/{id}/reopening")
    ResponseEntity<CaseView> reopenCase(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.REOPEN, ifMatch, body);
    }

    @Operation(
            operationId = "sendCaseMessage",
            summary = "Record a message to the customer, checked for banned phrases (§12.1)",
            description =
                    "Staff step; the roles allowed are the preset's `MESSAGE` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously.")
    @CaseStep(Action.MESSAGE)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Message.class)))
    @PostMapping("/cases/{id}/messages")
    ResponseEntity<CaseView> sendCaseMessage(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.MESSAGE, ifMatch, body);
    }

    @Operation(
            operationId = "escalateCase",
            summary = "Escalate the case by hand to a named person or role (ESC-04, SLA-B3)",
            description =
                    "Staff step; the roles allowed are the preset's `ESCALATE` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously.")
    @CaseStep(Action.ESCALATE)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Escalation.class)))
    @PostMapping("/cases/{id}/escalations")
    ResponseEntity<CaseView> escalateCase(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.ESCALATE, ifMatch, body);
    }

    @Operation(
            operationId = "raiseCaseLevel",
            summary = "Raise the case's level by hand (CL-03)",
            description =
                    "Staff step; the roles allowed are the preset's `RAISE_LEVEL` permission (`x-roles`, per preset; docs/permissions-routing.md). Answers the case after the step (read your own write); the complaint mirrors it asynchronously.")
    @CaseStep(Action.RAISE_LEVEL)
    @ApiResponse(
            responseCode = "200",
            description = "The case after the step.",
            headers = @Header(name = "ETag", description = "The case's new version", schema = @Schema(type = "string")),
            content = @Content(schema = @Schema(implementation = CaseView.class)))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(schema = @Schema(implementation = StepBodies.Level.class)))
    @PostMapping("/cases/{id}/level")
    ResponseEntity<CaseView> raiseCaseLevel(
            CallerIdentity caller,
            @PathVariable String id,
            @RequestHeader(value = "If-Match", required = false) String ifMatch,
            @RequestBody(required = false) Step body) {
        return steps.take(caller, id, Action.RAISE_LEVEL, ifMatch, body);
    }
}
