package org.complaints.routing.tasks;

/** The body of {@code POST .../tasks/{taskId}/completion}: what was done. */
public record TaskCompletion(String evidence) {}
