package org.complaints.followup.policy;

/**
 * Everything a caller can do in followup-service, as named in the preset's {@code permissions}
 * table ({@code docs/permissions-followup.md} is generated from those tables).
 */
public enum FollowupAction {
    PLAN(
            "FU-05, SLA-X3..X5",
            "Plan a resolved case's follow-ups (routing's relay)",
            "POST /internal/v1/follow-ups/plans"),
    READ("FU-03, §8", "Read follow-ups, their attempts and outcomes", "GET /follow-ups, GET /follow-ups/{id}"),
    /** Attempts and the outcome are both part of making the visit, so the same roles record them. */
    RECORD_OUTCOME(
            "LC-09, FU-03, FU-05, ESC-08",
            "Record a follow-up's contact attempts and outcome (also needs a role of the visit: tasks.*.roles)",
            "POST /follow-ups/{id}/attempts, POST /follow-ups/{id}/outcome"),
    REPORT_READ("LC-11, KP-01", "Read the monthly report (JSON or CSV)", "GET /reports/monthly"),
    /** The reviewer's own role must also be one of the report's open reviews (report.reviewers). */
    REPORT_SIGN_OFF(
            "LC-11, KP-01",
            "Sign off a closed month's frozen report as one of its reviewers (also needs a role of report.reviewers)",
            "POST /reports/monthly/sign-offs");

    private final String rules;
    private final String description;
    private final String endpoint;

    FollowupAction(String rules, String description, String endpoint) {
        this.rules = rules;
        this.description = description;
        this.endpoint = endpoint;
    }

    public String rules() {
        return rules;
    }

    public String description() {
        return description;
    }

    public String endpoint() {
        return endpoint;
    }
}
