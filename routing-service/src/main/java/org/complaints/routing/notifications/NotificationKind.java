package org.complaints.routing.notifications;

/** What a notification is about; the metric {@code complaints.notifications.created} is tagged by it. */
public enum NotificationKind {
    PROMISE_BROKEN,
    ESCALATION,
    AT_RISK,
    TASK_OVERDUE,
    APPROVAL_OVERDUE,
    AGREEMENT_OVERDUE,
    FOLLOW_UP_UNREACHED,
    UNSTAFFED_DESK,
    SAFETY_ALERT,
    STATEMENT_APPROVAL,
    /** A frozen monthly report waits for its reviewer's sign-off (LC-11, followup-service). */
    REPORT_REVIEW
}
