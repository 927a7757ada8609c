package org.complaints.routing.cases;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** The bodies the conduct steps document ({@link ConductStepController}); the server binds them to {@link Step}. */
final class ConductBodies {

    private ConductBodies() {}

    @Schema(name = "FlagCustomerRequest", description = "CL-23: a customer flag the tenant acts on.")
    record Flag(
            @Schema(
                    requiredMode = RequiredMode.REQUIRED,
                    description = "The flag (the tenant's `flags` in GET /policies/{tenant})",
                    example = "MEDIA_OR_LEGAL_PROFESSION")
            String flag,

            @Schema(example = "客户自称晚报记者") String reason) {}

    @Schema(name = "SafetyAlertRequest", description = "ESC-09: the safety alert; the note stays on the case only.")
    record SafetyAlert(@Schema(example = "客户情绪失控，拍桌威胁") String note) {}

    @Schema(name = "RecordParaphraseRequest", description = "CM-03 / LC-22: the paraphrase and the customer's answer.")
    record Paraphrase(
            @Schema(
                    requiredMode = RequiredMode.REQUIRED,
                    description = "The core problem as the staff member restated it",
                    example = "您的意思是车辆修了两次后发动机仍有异响，希望彻底修好，对吗？")
            String text,

            @Schema(
                    requiredMode = RequiredMode.REQUIRED,
                    description = "Whether the customer confirmed it",
                    example = "true")
            Boolean confirmed,

            @Schema(example = "客户确认") String note) {}

    @Schema(name = "SendReplyLetterRequest", description = "CM-16: a reply letter, section by section.")
    record Letter(
            @Schema(requiredMode = RequiredMode.REQUIRED) Case.Letter letter, String reason) {}

    @Schema(name = "DecideStatementRequest", description = "CM-15: the PR decision on a statement waiting for it.")
    record StatementDecision(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "`messages[].id` of the statement")
            String messageId,

            @Schema(
                    requiredMode = RequiredMode.REQUIRED,
                    allowableValues = {"APPROVE", "REJECT"},
                    example = "APPROVE")
            String decision,

            @Schema(description = "Why; required to withhold", example = "措辞已经公关审核")
            String reason) {}
}
