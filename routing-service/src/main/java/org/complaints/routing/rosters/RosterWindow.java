package org.complaints.routing.rosters;

import java.util.List;

/**
 * One on-duty window as written in the API and stored: the weekdays ({@code MONDAY}...), the local
 * start and end times ({@code "HH:mm"}, an end of {@code "24:00"} = midnight) in the site's zone,
 * and the user ids of the acceptors on duty.
 */
public record RosterWindow(List<String> days, String start, String end, List<String> acceptors) {}
