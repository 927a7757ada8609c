package org.complaints.routing.commitments;

import java.time.Instant;

/**
 * An open promise ({@code PROMISE}) or an agreement not yet implemented ({@code AGREEMENT}) of an
 * earlier complaint linked to the case's complaint (OT-02/03), as intake reports it now.
 */
public record OpenCommitment(String id, String kind, String complaintId, Instant dueAt) {}
