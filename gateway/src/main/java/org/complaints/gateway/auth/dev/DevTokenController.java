package org.complaints.gateway.auth.dev;

import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Local profile only: {@code POST /dev/tokens {"user": "dealer.director"}} answers
 * {@code {"token": "...", "expiresIn": 3600}}; {@code GET /dev/jwks.json} publishes the key. Outside
 * that profile both answer 404 to a caller the security chain let through.
 */
@RestController
class DevTokenController {

    record TokenRequest(String user) {}

    private static final String NO_ISSUER = "There is no development issuer outside the local profile.";

    private final DevSignIn signIn;

    DevTokenController(DevSignIn signIn) {
        this.signIn = signIn;
    }

    @PostMapping("/dev/tokens")
    ResponseEntity<?> token(@RequestBody TokenRequest request) {
        var issuer = signIn.issuer();
        if (issuer.isEmpty()) {
            return notFound(NO_ISSUER);
        }
        var user = request == null ? null : request.user();
        return (user == null ? Optional.<String>empty() : issuer.get().tokenFor(user))
                .<ResponseEntity<?>>map(
                        token -> ResponseEntity.ok(Map.of("token", token, "expiresIn", DevIssuer.LIFETIME.toSeconds())))
                .orElseGet(() -> notFound("No such sample user."));
    }

    @GetMapping("/dev/jwks.json")
    ResponseEntity<?> jwks() {
        return signIn.issuer()
                .<ResponseEntity<?>>map(issuer -> ResponseEntity.ok(issuer.jwks()))
                .orElseGet(() -> notFound(NO_ISSUER));
    }

    private static ResponseEntity<?> notFound(String detail) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail))
                .build();
    }
}
