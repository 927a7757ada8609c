package org.complaints.routing.cases;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;

/**
 * The body each case step documents (ADR 0281): only the fields that step reads. The server still
 * binds every step to {@link Step}, so a client of the older single {@code act} operation that
 * sends another step's field keeps working; the document names what each step needs.
 */
final class StepBodies {

    private StepBodies() {}

    @Schema(
            name = "CaseStepNote",
            description = "A step that needs nothing but an optional reason for the audit trail.")
    record Note(
            @Schema(description = "Why, for the case's audit trail", example = "客户到店，已接单")
            String reason) {}

    @Schema(name = "AssignCaseRequest", description = "RT-01/03/04: the department and responsible person.")
    record Assignment(
            @Schema(description = "Responsible domain (GET /reference/cases: domains)", example = "TECHNICAL")
            String domain,

            @Schema(description = "Department (GET /reference/cases: departments)", example = "technical")
            String department,

            @Schema(description = "The responsible person", example = "张诚")
            String person,

            String reason) {}

    @Schema(name = "RecordContactRequest", description = "A contact with the customer (the first one responds).")
    record Contact(
            @Schema(description = "How the customer was reached", example = "PHONE")
            String channel,

            @Schema(example = "已电话联系客户，约好周三到店检测") String note,
            String reason) {}

    @Schema(name = "ProposeSolutionRequest")
    record Solution(
            @ArraySchema(
                    arraySchema =
                            @Schema(
                                    description = "Ids of the linked earlier complaints' open promises and agreements"
                                            + " this proposal took into account; every one is required when the"
                                            + " complaint has linked complaints (OT-02), 422 otherwise."))
            List<String> acknowledged,

            String reason) {}

    @Schema(name = "ResolveCaseRequest")
    record Resolution(
            @Schema(requiredMode = RequiredMode.REQUIRED) ResolutionInput resolution, String reason) {}

    @Schema(
            name = "CaseResolutionInput",
            description = "LC-08/LC-10: root cause, correction, concrete long-term measure.")
    record ResolutionInput(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "喷油嘴积碳")
            String rootCause,

            @Schema(example = "RC-ENGINE-03") String rootCauseCode,

            @Schema(requiredMode = RequiredMode.REQUIRED, example = "清洗喷油嘴并更换火花塞")
            String defectCorrection,

            @Schema(requiredMode = RequiredMode.REQUIRED) Case.Measure longTermMeasure,

            @Schema(description = "Rework was done (a satisfied follow-up is then required before closure)")
            Boolean rework) {}

    @Schema(
            name = "SendCaseMessageRequest",
            description = "A message to the customer, checked for banned phrases (§12.1).")
    record Message(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "非常抱歉给您带来不便")
            String text,

            String reason) {}

    @Schema(name = "EscalateCaseRequest")
    record Escalation(
            @Schema(
                    requiredMode = RequiredMode.REQUIRED,
                    description = "A person or `role:<role>`",
                    example = "role:service-director")
            String to,

            String reason) {}

    @Schema(name = "RaiseCaseLevelRequest", description = "CL-03: a level is never lowered.")
    record Level(
            @Schema(requiredMode = RequiredMode.REQUIRED, implementation = org.complaints.routing.cases.Level.class)
            String level,

            String reason) {}
}
