package org.complaints.compensation.policy;

/**
 * What the authority matrix says about one amount of one remedy kind for a set of roles
 * (CP-01, CP-04, ESC-04). The service applies the budget to {@link ApproveNow}.
 */
public sealed interface Authorization {

    /** Within the caller's own authority: approve now. */
    record ApproveNow() implements Authorization {}

    /** Above the caller's authority: the lowest ladder role whose limit covers it decides. */
    record NeedsRole(String role) implements Authorization {}

    /** No role of the ladder may approve it: above the company ceiling (CP-04). */
    record BeyondCeiling() implements Authorization {}
}
