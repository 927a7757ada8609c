package org.complaints.followup.followup;

/**
 * How staff tried to reach the customer for a follow-up (FU-13 names telephone and face-to-face;
 * the presets plan phone calls, care calls and surveys). No preset narrows the list.
 */
enum ContactChannel {
    PHONE,
    SMS,
    VISIT,
    WECHAT,
    EMAIL
}
