package org.complaints.intake.policy;

/**
 * Every decision intake takes on a filed complaint, as named in the preset's {@code permissions}
 * table. Filing itself is allowed per channel ({@code channels.*.recorderRoles}, LC-03).
 */
public enum IntakeAction {
    VALIDITY("LC-31", "Declare a complaint valid or not established", "POST /complaints/{id}/validity"),
    LEGAL_HOLD("LC-12", "Set or lift a legal hold", "POST /complaints/{id}/legal-hold"),
    LEVEL_LOWER("CL-02, CL-03", "File with a level below the computed one", "POST /complaints (requestedLevel)"),
    LEVEL_RAISE("CL-02", "File with a level above the computed one", "POST /complaints (requestedLevel)"),
    PROMISE_CREATE("OT-20, §13.3", "Record a promise made to the customer", "POST /complaints/{id}/promises"),
    PROMISE_FULFIL(
            "OT-21, §13.3",
            "Record a promise as kept or broken",
            "POST /complaints/{id}/promises/{promiseId}/fulfilment"),
    MALICIOUS_FLAG(
            "OT-13, CP-20",
            "Set or clear MALICIOUS_SUSPECTED (a supervisor's approval, recorded)",
            "POST /complaints/{id}/malicious-suspicion"),

    RETENTION("LC-12", "Anonymise complaints past retention", "scheduled job (no endpoint)"),
    ERASURE(
            "LC-12, OT-50",
            "Ask for a complaint's personal data to be erased (refused under a legal hold and before the retention ends)",
            "DELETE /complaints/{id}");

    private final String rules;
    private final String description;
    private final String endpoint;

    IntakeAction(String rules, String description, String endpoint) {
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
