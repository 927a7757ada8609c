package org.complaints.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 12: what Netty or Spring would refuse before any route (bad percent-encoding, long request
 * lines and headers, garbage) is a problem detail with the right status, never an HTML page or an
 * empty body, and reaches no service. Sent over a raw socket, as a hostile client would.
 */
class MalformedRequestIT extends GatewayItSupport {

    @LocalServerPort
    int port;

    @Test
    @DisplayName("bad percent-encoding in the path is 400 problem+json")
    void badPercentEncodingInPath() throws Exception {
        var answer = send("GET /api/v1/complaints/%ZZ HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + DEALER_KEY + "\r\n\r\n");
        answer.assertProblem(400, "malformed-uri");
        assertThat(intake.getAllServeEvents()).isEmpty();
    }

    @Test
    @DisplayName("bad percent-encoding in the query is 400 problem+json")
    void badPercentEncodingInQuery() throws Exception {
        send("GET /api/v1/complaints?site=%E4%B8 HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + DEALER_KEY + "\r\n\r\n")
                .assertProblem(400, "malformed-uri");
        send("GET /api/v1/complaints?site=100% HTTP/1.1\r\nHost: x\r\n\r\n").assertProblem(400, "malformed-uri");
        send("GET /api/v1/complaints/%C0%AF HTTP/1.1\r\nHost: x\r\n\r\n").assertProblem(400, "malformed-uri");
        assertThat(intake.getAllServeEvents()).isEmpty();
    }

    @Test
    @DisplayName("an encoded path traversal refused by the security firewall is 400 problem+json, not an empty 400")
    void encodedTraversalIsAProblem() throws Exception {
        send("GET /api/v1/cases/..%2F..%2Fadmin HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + DEALER_KEY + "\r\n\r\n")
                .assertProblem(400, "malformed-request");
        assertThat(intake.getAllServeEvents()).isEmpty();
    }

    @Test
    @DisplayName("headers over the limit are 431 problem+json")
    void longHeadersAre431() throws Exception {
        send("GET /api/v1/complaints HTTP/1.1\r\nHost: x\r\nX-Long: " + "a".repeat(20_000) + "\r\n\r\n")
                .assertProblem(431, "headers-too-large");
    }

    @Test
    @DisplayName("a request line over the limit is 414 problem+json")
    void longRequestLineIs414() throws Exception {
        send("GET /api/v1/complaints?q=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .assertProblem(414, "uri-too-long");
    }

    @Test
    @DisplayName("a request Netty cannot decode is 400 problem+json")
    void garbageIs400() throws Exception {
        send("GARBAGE\r\n\r\n").assertProblem(400, "malformed-request");
    }

    record Answer(int status, String headers, String body) {
        void assertProblem(int expectedStatus, String type) {
            assertThat(status).as(headers + body).isEqualTo(expectedStatus);
            assertThat(headers.toLowerCase()).contains("content-type: application/problem+json");
            assertThat(body)
                    .contains("\"type\":\"https://complaints.example.org/problems/" + type + "\"")
                    .contains("\"status\":" + expectedStatus)
                    .doesNotContain("<html")
                    .doesNotContain("Exception");
        }
    }

    private Answer send(String raw) throws Exception {
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            var in = socket.getInputStream();
            var out = new ByteArrayOutputStream();
            var buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                var text = out.toString(StandardCharsets.UTF_8);
                var end = text.indexOf("\r\n\r\n");
                if (end >= 0 && complete(text, end)) {
                    break;
                }
            }
            var text = out.toString(StandardCharsets.UTF_8);
            var end = text.indexOf("\r\n\r\n");
            assertThat(end).as("a response arrived: " + text).isPositive();
            var status = Integer.parseInt(text.substring(9, 12));
            return new Answer(status, text.substring(0, end), text.substring(end + 4));
        }
    }

    private static boolean complete(String text, int headerEnd) {
        var headers = text.substring(0, headerEnd).toLowerCase();
        var marker = "content-length: ";
        var at = headers.indexOf(marker);
        if (at < 0) {
            return false;
        }
        var length = Integer.parseInt(headers.substring(at + marker.length())
                .lines()
                .findFirst()
                .orElse("0")
                .strip());
        return text.substring(headerEnd + 4).getBytes(StandardCharsets.UTF_8).length >= length;
    }
}
