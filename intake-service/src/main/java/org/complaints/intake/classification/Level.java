package org.complaints.intake.classification;

/**
 * The canonical ordered severity scale (CL-01). Each preset names these in its own words (dealer
 * 一般/重大, retail I–V, generic three tiers); rules compare on this scale only.
 */
public enum Level {
    SERVICE_REQUEST,
    GENERAL,
    URGENT,
    MAJOR,
    CHANNEL;

    public Level atLeast(Level other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
