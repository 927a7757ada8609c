package org.complaints.routing.commitments;

import java.util.List;

/**
 * Where routing learns what is still open from a case's earlier, linked complaints (OT-02): asked
 * when a solution is proposed, so a promise kept or an agreement implemented since is no longer
 * required (ADR 0122).
 */
public interface EarlierCommitments {

    /** Never asks anyone: for cases without linked complaints and for tests. */
    EarlierCommitments NONE = (tenant, complaintId) -> List.of();

    /**
     * The open commitments of the complaints linked to {@code complaintId}.
     *
     * @throws Unavailable when the answer cannot be had now (the step is refused, nothing changes)
     */
    List<OpenCommitment> open(String tenant, String complaintId);

    /** The owner of the commitments (intake) did not answer in time. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
