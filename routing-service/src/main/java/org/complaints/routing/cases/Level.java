package org.complaints.routing.cases;

/** The canonical ordered level scale (CL-01); each preset names it in its own words. */
public enum Level {
    SERVICE_REQUEST,
    GENERAL,
    URGENT,
    MAJOR,
    CHANNEL;

    public Level next() {
        return this == CHANNEL ? CHANNEL : values()[ordinal() + 1];
    }

    public boolean atLeast(Level other) {
        return compareTo(other) >= 0;
    }

    public static Level max(Level a, Level b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
