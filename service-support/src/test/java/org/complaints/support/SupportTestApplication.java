package org.complaints.support;

import org.complaints.support.identity.CallerIdentity;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
class SupportTestApplication {

    record Echo(@jakarta.validation.constraints.NotBlank String text) {}

    @RestController
    static class EchoController {
        @GetMapping("/whoami")
        CallerIdentity whoami(CallerIdentity caller) {
            return caller;
        }

        @GetMapping("/internal/v1/whoami")
        CallerIdentity internalWhoami(CallerIdentity caller) {
            return caller;
        }

        @PostMapping("/echo")
        Echo echo(@RequestBody @jakarta.validation.Valid Echo echo) {
            return echo;
        }
    }
}
