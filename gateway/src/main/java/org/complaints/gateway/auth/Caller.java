package org.complaints.gateway.auth;

import java.util.List;

/**
 * Who is calling, as established from credentials (an API key or a staff token), never from the
 * request body. It becomes the claims of the {@code X-Complaints-Identity} token.
 *
 * @param quotaPerMinute the API key's own quota; 0 for staff and for keys without one (then the
 *     tenant's or the default quota applies, see the quota package)
 */
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

    public static final String PARTNER = "partner";
    public static final String STAFF = "staff";

    public boolean isPartner() {
        return PARTNER.equals(kind);
    }
}
