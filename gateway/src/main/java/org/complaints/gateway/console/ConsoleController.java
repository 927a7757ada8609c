package org.complaints.gateway.console;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.complaints.gateway.auth.dev.DevSignIn;
import org.complaints.gateway.system.GatewayProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The staff console's entry and its configuration document. The console itself is static files
 * ({@code static/console/}: HTML, CSS and JavaScript modules, no build step) that speak only the
 * public API with the signed-in user's bearer token; nothing here holds a session.
 * {@code /console/config.json} tells the page how to sign in: through the development issuer in
 * the {@code local} profile (with its sample users to pick from), else through the operator's
 * OpenID Connect provider ({@code complaints.console.oidc.*}, set by the chart).
 */
@RestController
class ConsoleController {

    private static final Resource INDEX = new ClassPathResource("static/console/index.html");

    private final ConsoleProperties properties;
    private final GatewayProperties gateway;
    private final DevSignIn devSignIn;

    ConsoleController(ConsoleProperties properties, GatewayProperties gateway, DevSignIn devSignIn) {
        this.properties = properties;
        this.gateway = gateway;
        this.devSignIn = devSignIn;
    }

    @GetMapping("/console")
    ResponseEntity<Void> slash() {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                .location(URI.create("/console/"))
                .build();
    }

    @GetMapping("/console/")
    ResponseEntity<Resource> index() {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .body(INDEX);
    }

    @GetMapping("/console/config.json")
    ResponseEntity<Map<String, Object>> config() {
        var config = new LinkedHashMap<String, Object>();
        if (devSignIn.enabled()) {
            config.put("signIn", "development");
            config.put(
                    "devUsers",
                    gateway.devUsers().entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .map(e -> Map.of(
                                    "user", e.getKey(),
                                    "tenant", e.getValue().tenant(),
                                    "roles", e.getValue().roles()))
                            .toList());
        } else if (properties.oidc().configured()) {
            var oidc = properties.oidc();
            config.put("signIn", "oidc");
            var provider = new LinkedHashMap<String, Object>();
            provider.put("issuer", oidc.issuer());
            provider.put("clientId", oidc.clientId());
            provider.put("scopes", oidc.scopes());
            if (oidc.audience() != null && !oidc.audience().isBlank()) {
                provider.put("audience", oidc.audience());
            }
            config.put("oidc", provider);
        } else {
            config.put("signIn", "none");
            config.put("devUsers", List.of());
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(config);
    }
}
