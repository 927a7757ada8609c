package org.complaints.intake.complaint;

import java.util.Set;

/**
 * Where a complaint came in (DOMAIN.md §3.2). External channels (media, associations, regulators,
 * courts, letters to executives) carry {@code external=true} and weigh on the level (CL-02, ESC-03).
 * Which channels a tenant accepts, and who may record each, is preset configuration.
 */
public enum Channel {
    WALK_IN,
    SERVICE_ADVISOR_RECEPTION,
    CARE_FOLLOW_UP_CALL,
    BRAND_HOTLINE_400,
    COMPANY_HOTLINE,
    STORE_SERVICE_DESK,
    CALL_CENTER,
    PHONE,
    LETTER,
    EMAIL,
    WEBSITE,
    APP,
    ONLINE_CHAT,
    SMS,
    SOCIAL_MEDIA,
    FORUM_BBS,
    SURVEY,
    PARTNER_PLATFORM,
    PROACTIVE_OUTREACH,
    MEDIA,
    CONSUMER_ASSOCIATION,
    REGULATOR,
    COURT,
    HQ_EXECUTIVE_LETTER;

    private static final Set<Channel> EXTERNAL =
            Set.of(MEDIA, CONSUMER_ASSOCIATION, REGULATOR, COURT, HQ_EXECUTIVE_LETTER);

    public boolean external() {
        return EXTERNAL.contains(this);
    }
}
