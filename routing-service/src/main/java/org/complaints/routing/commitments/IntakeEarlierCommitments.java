package org.complaints.routing.commitments;

import java.util.List;
import org.complaints.routing.clients.IntakeClient;
import org.springframework.stereotype.Component;

/**
 * Asks intake, which owns promises and mirrors agreements, through its internal endpoint (by key
 * there: the complaint by {@code _id}, its linked complaints by {@code _id $in}). The Feign call has
 * the suite's timeouts and circuit breaker; any failure is {@link EarlierCommitments.Unavailable}.
 */
@Component
class IntakeEarlierCommitments implements EarlierCommitments {

    private final IntakeClient intake;

    IntakeEarlierCommitments(IntakeClient intake) {
        this.intake = intake;
    }

    @Override
    public List<OpenCommitment> open(String tenant, String complaintId) {
        IntakeClient.EarlierCommitments answer;
        try {
            answer = intake.earlierCommitments(complaintId);
        } catch (RuntimeException e) {
            throw new Unavailable(
                    "intake-service did not answer: " + e.getClass().getSimpleName(), e);
        }
        if (answer == null || answer.items() == null) {
            throw new Unavailable("intake-service answered without items", null);
        }
        return answer.items().stream()
                .map(i -> new OpenCommitment(i.id(), i.kind(), i.complaintId(), i.dueAt()))
                .toList();
    }
}
