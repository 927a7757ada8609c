package org.complaints.routing.policy;

/**
 * The rows of a preset's {@code permissions} table: every case step (one per {@code cases.Action},
 * same name; {@code Action.permission()} maps them), completing a task and the reads. Kept here rather than keyed by
 * {@code Action} so that incidents and summaries, which {@code cases} depends on, can be checked
 * without a package cycle. {@code docs/permissions-routing.md} is generated from the tables.
 */
public enum Permission {
    HAND_OVER("LC-03, LC-50", "Hand the case over to its decision owner (transfer the ticket to the store)"),
    ACCEPT("LC-05, LC-50", "Accept the case (接单)"),
    ASSIGN("RT-01, RT-03, RT-04", "Assign the department and the responsible person"),
    CONTACT("LC-61, §5", "Record the first contact with the customer"),
    LOG_CONTACT("§9", "Log a later contact with the customer"),
    URGE("SLA-G2, SLA-G6", "Record an urging call from the customer"),
    INVESTIGATE("LC-06, LC-33", "Start the root-cause investigation"),
    PROPOSE("LC-34, LC-48", "Propose a solution"),
    REQUEST_APPROVAL("LC-34, ESC-04", "Wait for approval above the handler's authority"),
    OFFER("LC-34, CP-06", "Offer the solution to the customer"),
    OFFER_REJECTED("CP-11, ESC-05", "Record that the customer rejected the offer"),
    AGREE("LC-45", "Record the agreement with the customer"),
    IMPLEMENT("LC-35", "Record the implementation of the agreed remedy"),
    RESOLVE("LC-08, LC-10", "Record the resolution (root cause, correction, long-term measure)"),
    FOLLOW_UP_SATISFIED("FU-05, §8", "Record a satisfied follow-up"),
    FOLLOW_UP_UNSATISFIED("ESC-08, FU-05", "Reopen for second handling after an unsatisfied follow-up"),
    CLOSE("LC-07", "Close the case"),
    WITHDRAW("§2.8", "Close the case because the customer withdrew"),
    NOT_ESTABLISHED("LC-31", "Close the case as not established"),
    REOPEN("ESC-08", "Reopen a case by hand"),
    MESSAGE("§12.1", "Record a message to the customer (banned-phrase check)"),
    ESCALATE("ESC-04, SLA-B3", "Escalate the case by hand to a named person or role"),
    RAISE_LEVEL("CL-03", "Raise the case's level by hand"),
    FLAG("CL-23, CH-04, CM-15", "Flag the customer (e.g. a reporter or lawyer: MEDIA_OR_LEGAL_PROFESSION)"),
    SAFETY_ALERT("ESC-09, CM-14, CL-22", "Raise a safety alert: violent or threatening customer (VIOLENCE_RISK)"),
    PARAPHRASE("CM-03, LC-22", "Record the paraphrase of the core problem and whether the customer confirmed it"),
    ACCEPT_LIABILITY("CM-04", "Accept liability (only once the complaint is valid and its root cause known)"),
    LETTER("CM-16, §12", "Send a reply letter with the six CM-16 sections (banned-phrase check)"),
    APPROVE_STATEMENT("CM-15, X22", "Approve or withhold a written statement to a media or legal customer (PR)"),
    VALIDATE("LC-31", "Record that the complaint was found valid"),
    COMPLETE_TASK(
            "ESC-01, ESC-03, SLA-X1, SLA-X2, CH-03",
            "Complete a side-route or incident task with evidence (owner = the task's owner)"),
    CASE_READ("§9", "Read cases"),
    INCIDENT_READ("RT-06, SLA-X1", "Read group-complaint incidents"),
    SUMMARY_READ("LC-11, KP-01", "Read the month's routing summary"),
    ROSTER_READ("LC-51, OT-30", "Read a site's on-duty roster"),
    ROSTER_WRITE("LC-51, OT-30", "Replace a site's on-duty roster"),
    CALENDAR_READ("SLA-G1, SLA-G2, SLA-D4", "Read a site's business calendar (working days, holidays, major holidays)"),
    SANCTION("KP-05, LC-51", "Record a sanction (penalty) against a staff member on a case"),
    SANCTION_READ("KP-05", "Read a case's sanctions");

    private final String rules;
    private final String description;

    Permission(String rules, String description) {
        this.rules = rules;
        this.description = description;
    }

    public String rules() {
        return rules;
    }

    public String description() {
        return description;
    }
}
