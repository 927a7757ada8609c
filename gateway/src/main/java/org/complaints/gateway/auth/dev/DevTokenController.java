package org.complaints.gateway.auth.dev;

import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Local profile only: {@code POST /dev/tokens {"user": "dealer.director"}} answers
 * {@code {"token": "...", "expiresIn": 3600}}; {@code GET /dev/jwks.json} publishes the key.
 */
@RestController
@Profile("local")
class DevTokenController {

    record TokenRequest(String user) {}

    private final DevIssuer issuer;

    DevTokenController(DevIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping("/dev/tokens")
    ResponseEntity<?> token(@RequestBody TokenRequest request) {
        var user = request == null ? null : request.user();
        return (user == null ? java.util.Optional.<String>empty() : issuer.tokenFor(user))
                .<ResponseEntity<?>>map(
                        token -> ResponseEntity.ok(Map.of("token", token, "expiresIn", DevIssuer.LIFETIME.toSeconds())))
                .orElseGet(() -> ResponseEntity.of(
                                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such sample user."))
                        .build());
    }

    @GetMapping("/dev/jwks.json")
    Map<String, Object> jwks() {
        return issuer.jwks();
    }
}
