package org.complaints.routing.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.complaints.support.delivery.DeliveryRefused;
import org.complaints.support.web.ProblemException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetsTest {

    /** A name server the test controls: each name resolves to the addresses listed. */
    static final Map<String, List<String>> DNS = Map.of(
            "hooks.partner.example", List.of("93.184.216.34"),
            "dual.partner.example", List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"),
            "internal.partner.example", List.of("10.1.2.3"),
            "mixed.partner.example", List.of("93.184.216.34", "192.168.0.7"),
            "rebound.partner.example", List.of("127.0.0.1"),
            "metadata.partner.example", List.of("169.254.169.254"),
            "ula.partner.example", List.of("fd00::1"),
            "cgnat.partner.example", List.of("100.64.0.1"),
            "mapped.partner.example", List.of("::ffff:10.0.0.1"),
            "localhost", List.of("127.0.0.1", "::1"));

    static InetAddress[] resolve(String host) throws UnknownHostException {
        var addresses = DNS.get(host);
        if (addresses == null && host.matches("\\[?[0-9a-fA-F:.]+]?")) {
            return new InetAddress[] {
                InetAddress.getByName(host.replace("[", "").replace("]", ""))
            };
        }
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        var resolved = new InetAddress[addresses.size()];
        for (var i = 0; i < resolved.length; i++) {
            resolved[i] = InetAddress.getByName(addresses.get(i));
        }
        return resolved;
    }

    final Targets production = new Targets(false, TargetsTest::resolve);
    final Targets local = new Targets(true, TargetsTest::resolve);

    @Test
    @DisplayName("production: an https URL whose host resolves only to public addresses is accepted as given")
    void publicHttps() {
        assertThat(production.check("https://hooks.partner.example/complaints?x=1"))
                .hasToString("https://hooks.partner.example/complaints?x=1");
        assertThat(production.check("https://dual.partner.example:8443/hook")).hasPort(8443);
        production.checkAtSend("https://hooks.partner.example/complaints");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://hooks.partner.example/complaints",
                "https://internal.partner.example/hook",
                "https://mixed.partner.example/hook",
                "https://rebound.partner.example/hook",
                "https://metadata.partner.example/latest/meta-data",
                "https://ula.partner.example/hook",
                "https://cgnat.partner.example/hook",
                "https://mapped.partner.example/hook",
                "https://localhost/hook",
                "https://127.0.0.1/hook",
                "https://[::1]/hook",
                "https://10.0.0.8/hook",
                "https://0.0.0.0/hook",
                "https://unknown.partner.example/hook",
                "ftp://hooks.partner.example/hook",
                "https://user:secret@hooks.partner.example/hook",
                "/relative/hook",
                "https:// not a url",
                ""
            })
    @DisplayName(
            "production: not https, a loopback, private, link-local or unresolvable host, or not a URL → 422 on url")
    void refusedInProduction(String url) {
        assertThatThrownBy(() -> production.check(url)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status().value()).isEqualTo(422);
            assertThat(e.fields())
                    .extracting(ProblemException.FieldProblem::field)
                    .containsExactly("url");
        });
    }

    @Test
    @DisplayName("at send time a name that now resolves to a private address is refused for good (DNS rebinding)")
    void rebindingRefusedAtSend() {
        assertThatThrownBy(() -> production.checkAtSend("https://rebound.partner.example/hook"))
                .isInstanceOfSatisfying(
                        DeliveryRefused.class, e -> assertThat(e.getMessage()).contains("non-public"));
    }

    @Test
    @DisplayName("local profile: http://localhost receivers are allowed; other schemes still are not")
    void localProfile() {
        assertThat(local.check("http://localhost:8089/hooks")).hasPort(8089);
        assertThat(local.check("http://127.0.0.1:8089/hooks")).hasHost("127.0.0.1");
        assertThatThrownBy(() -> local.check("ftp://localhost/hooks")).isInstanceOf(ProblemException.class);
    }
}
