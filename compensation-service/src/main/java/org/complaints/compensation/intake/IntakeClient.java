package org.complaints.compensation.intake;

import java.time.Instant;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * Compensation's slice of intake's internal API (docs/contracts.md): the agreement mirror a later
 * complaint of the same customer or subject shows (OT-02). Pinned by a WireMock stub in
 * AgreementMirrorIT.
 */
@FeignClient(name = "intake-service")
public interface IntakeClient {

    /** 204, also for a replay; the state applies only when further along (OPEN, then DELIVERED). */
    @PostMapping("/internal/v1/complaints/{complaintId}/agreements")
    void agreement(@PathVariable String complaintId, @RequestBody AgreementState state);

    record AgreementState(
            String eventId,
            String agreementId,
            String caseId,
            String kind,
            String amount,
            String currency,
            Instant signedAt,
            Instant dueAt,
            String status,
            Instant deliveredAt) {}
}
