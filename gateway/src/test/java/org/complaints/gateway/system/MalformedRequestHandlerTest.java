package org.complaints.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MalformedRequestHandlerTest {

    @Test
    @DisplayName("a bad target with a body: 400 problem at once, the body read, then the connection closed")
    void badTargetWithBodyIsDrainedBeforeClosing() {
        var channel = new EmbeddedChannel(new MalformedRequestHandler());
        var request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/v1/%C0%AF/x");
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, 11);

        channel.writeInbound(request);

        FullHttpResponse answer = channel.readOutbound();
        assertThat(answer.status().code()).isEqualTo(400);
        assertThat(answer.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(answer.content().toString(StandardCharsets.UTF_8)).contains("malformed-uri");
        answer.release();
        assertThat(channel.isOpen()).as("open while the body is still coming").isTrue();

        channel.writeInbound(
                new DefaultLastHttpContent(Unpooled.copiedBuffer("{\"a\":\"b\"} ", StandardCharsets.UTF_8)));

        assertThat(channel.isOpen()).as("closed after the body").isFalse();
        assertThat((Object) channel.readInbound()).as("nothing passed on").isNull();
    }

    @Test
    @DisplayName("a bad target without a body: 400 problem and the connection closed at once")
    void badTargetWithoutBodyClosesAtOnce() {
        var channel = new EmbeddedChannel(new MalformedRequestHandler());

        channel.writeInbound(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/v1/%zz"));

        FullHttpResponse answer = channel.readOutbound();
        assertThat(answer.status().code()).isEqualTo(400);
        answer.release();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    @DisplayName("headers too large: 431 problem, the connection kept reading for a moment, then closed")
    void unframedRequestLingersThenCloses() {
        var channel = new EmbeddedChannel(new MalformedRequestHandler());
        var request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/v1/complaints");
        request.setDecoderResult(DecoderResult.failure(new TooLongHttpHeaderException("too long")));
        channel.config().setAutoRead(false); // as Reactor Netty runs it: a read when asked

        channel.writeInbound(request);

        FullHttpResponse answer = channel.readOutbound();
        assertThat(answer.status().code()).isEqualTo(431);
        answer.release();
        assertThat(channel.isOpen()).as("still reading what the client sends").isTrue();
        assertThat(channel.config().isAutoRead())
                .as("reads on its own until the close: the decoder drops the rest without asking for more")
                .isTrue();
        channel.writeInbound(Unpooled.copiedBuffer("rest of the headers", StandardCharsets.UTF_8));
        assertThat(channel.isOpen()).isTrue();

        channel.advanceTimeBy(MalformedRequestHandler.LINGER.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).as("closed after the linger").isFalse();
    }
}
