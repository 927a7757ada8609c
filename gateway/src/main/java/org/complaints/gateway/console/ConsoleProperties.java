package org.complaints.gateway.console;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The staff console's sign-in ({@code complaints.console.*}): the operator's OpenID Connect
 * provider, to which the browser signs in with the authorization code flow and PKCE. Its access
 * token is what the gateway verifies as a staff token ({@code complaints.gateway.jwt}). In the
 * {@code local} profile the console signs in through the development issuer instead.
 */
@ConfigurationProperties("complaints.console")
public record ConsoleProperties(Oidc oidc) {

    public ConsoleProperties {
        oidc = oidc == null ? new Oidc(null, null, null, null) : oidc;
    }

    /**
     * {@code issuer}: the provider's issuer URL (its discovery document is read by the browser);
     * {@code clientId}: the console's public client; {@code scopes}: requested scopes;
     * {@code audience}: an optional audience parameter some providers need for an API access token.
     */
    public record Oidc(String issuer, String clientId, List<String> scopes, String audience) {
        public Oidc {
            scopes = scopes == null || scopes.isEmpty() ? List.of("openid", "profile") : List.copyOf(scopes);
        }

        boolean configured() {
            return issuer != null && !issuer.isBlank() && clientId != null && !clientId.isBlank();
        }
    }
}
