package org.complaints.gateway.devissuer;

import java.util.Map;
import org.complaints.gateway.system.Problems;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code POST /dev/tokens {"user": "dealer.director"}}: a staff token for a sample user (local only). */
@RestController
@Profile("local")
class DevTokenController {

    record TokenRequest(String user) {}

    private final DevIssuer issuer;

    DevTokenController(DevIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping("/dev/tokens")
    Mono<Object> token(@RequestBody TokenRequest request, ServerWebExchange exchange) {
        var token = request == null || request.user() == null
                ? java.util.Optional.<String>empty()
                : issuer.tokenFor(request.user());
        if (token.isEmpty()) {
            return Problems.write(exchange, HttpStatus.NOT_FOUND, "not-found", "No such sample user.")
                    .then(Mono.empty());
        }
        return Mono.just(Map.of("token", token.get(), "expiresIn", DevIssuer.LIFETIME.toSeconds()));
    }
}
