package org.complaints.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdFilterTest {

    @Test
    void shouldKeepASafeClientId() {
        assertThat(RequestIdFilter.accept("crm-4711.retry_2")).isEqualTo("crm-4711.retry_2");
        assertThat(RequestIdFilter.accept("a".repeat(64))).hasSize(64);
    }

    @Test
    void shouldReplaceMissingOrUnsafeIds() {
        for (var unsafe : new String[] {null, "", "a".repeat(65), "id with spaces", "x\r\nSet-Cookie: y", "ü"}) {
            assertThat(RequestIdFilter.accept(unsafe)).matches("[0-9a-f-]{36}");
        }
    }
}
