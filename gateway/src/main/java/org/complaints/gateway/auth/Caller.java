package org.complaints.gateway.auth;

import java.util.List;

/** Who is calling, as established from credentials: an API key or a staff token. */
public record Caller(
        String subject,
        String kind,
        String tenant,
        List<String> regions,
        List<String> sites,
        List<String> roles,
        List<String> scopes,
        String name,
        int quotaPerMinute) {

    public boolean isPartner() {
        return "partner".equals(kind);
    }
}
