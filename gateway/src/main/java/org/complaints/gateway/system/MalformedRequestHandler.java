package org.complaints.gateway.system;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sits right after Netty's HTTP decoder and answers, as a problem detail, what would otherwise get
 * an empty or bare response before any filter or route runs: a request line that is too long (414),
 * headers that are too large (431), a request Netty cannot decode (400) and a target that is not a
 * valid URI, such as bad percent-encoding (400; Spring would answer an empty 400). The connection
 * is closed afterwards, since the rest of the stream cannot be trusted: at once when Netty could not
 * frame the request, after its body when only the target was bad.
 */
public class MalformedRequestHandler extends ChannelInboundHandlerAdapter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** How much of a refused request's body is read before the connection is closed anyway. */
    static final long MAX_DRAINED_BYTES = 1 << 20;

    /** How long a refused connection keeps reading before it is closed anyway. */
    static final Duration LINGER = Duration.ofSeconds(2);

    private boolean rejected;
    private boolean framed;
    private long drained;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected) {
            drain(ctx, msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            var problem = problem(request.decoderResult(), request.uri());
            if (problem != null) {
                framed = request.decoderResult().isSuccess();
                reject(ctx, problem, msg);
                return;
            }
        } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
            framed = false;
            reject(
                    ctx,
                    new Problem(HttpResponseStatus.BAD_REQUEST, "malformed-request", "The request could not be read."),
                    msg);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * Answers, then reads and drops the rest of the request before closing: closing on unread bytes
     * resets the connection, and the client may lose the answer. A well-framed request closes after
     * its last part; one Netty could not frame, after {@link #LINGER} or when the client closes.
     */
    private void reject(ChannelHandlerContext ctx, Problem problem, Object msg) {
        rejected = true;
        write(ctx, problem);
        var done = msg instanceof LastHttpContent
                || (framed
                        && msg instanceof HttpRequest request
                        && !HttpUtil.isTransferEncodingChunked(request)
                        && HttpUtil.getContentLength(request, 0L) == 0);
        ReferenceCountUtil.release(msg);
        if (done) {
            ctx.close();
            return;
        }
        ctx.executor().schedule(() -> ctx.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
        // Reactor Netty reads on demand, and nothing downstream asks now. Read everything until the
        // close: after a framing failure the decoder drops the rest without passing anything on, so
        // asking for one read at a time stopped, and bytes left unread at the close turn it into a
        // reset that can cost the client the answer.
        ctx.channel().config().setAutoRead(true);
    }

    private void drain(ChannelHandlerContext ctx, Object msg) {
        var last = msg instanceof LastHttpContent;
        if (msg instanceof HttpContent content) {
            drained += content.content().readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if ((framed && last) || drained > MAX_DRAINED_BYTES) {
            ctx.close();
        } else if (ctx.channel().isActive()) {
            ctx.read();
        }
    }

    record Problem(HttpResponseStatus status, String type, String detail) {}

    /** The problem for a decoded request line and headers, or {@code null} when they are fine. */
    static Problem problem(DecoderResult result, String uri) {
        if (result.isFailure()) {
            var cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                return new Problem(
                        HttpResponseStatus.REQUEST_URI_TOO_LONG, "uri-too-long", "The request line is too long.");
            }
            if (cause instanceof TooLongHttpHeaderException) {
                return new Problem(
                        HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                        "headers-too-large",
                        "The request headers are too large.");
            }
            if (cause instanceof TooLongFrameException) {
                return new Problem(
                        HttpResponseStatus.BAD_REQUEST, "malformed-request", "A part of the request is too long.");
            }
            return new Problem(HttpResponseStatus.BAD_REQUEST, "malformed-request", "The request could not be read.");
        }
        if (!validTarget(uri)) {
            return new Problem(
                    HttpResponseStatus.BAD_REQUEST,
                    "malformed-uri",
                    "The request target is not a valid URI (check its percent-encoding).");
        }
        return null;
    }

    /**
     * What Spring needs to build the request's URI, plus well-formed percent escapes that decode to
     * valid UTF-8 (a truncated or overlong sequence is refused rather than silently replaced).
     */
    static boolean validTarget(String uri) {
        var decoded = new java.io.ByteArrayOutputStream();
        for (var i = 0; i < uri.length(); i++) {
            var c = uri.charAt(i);
            if (c == '%') {
                if (i + 2 >= uri.length() || !isHex(uri.charAt(i + 1)) || !isHex(uri.charAt(i + 2))) {
                    return false;
                }
                decoded.write(Integer.parseInt(uri, i + 1, i + 3, 16));
                i += 2;
            } else if (c < 0x80) {
                decoded.write(c);
            } else {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(decoded.toByteArray()));
            new URI(uri);
            return true;
        } catch (URISyntaxException | java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static void write(ChannelHandlerContext ctx, Problem problem) {
        var requestId = UUID.randomUUID().toString();
        var body = new LinkedHashMap<String, Object>();
        body.put("type", Problems.TYPE_BASE + problem.type());
        body.put("title", problem.status().reasonPhrase());
        body.put("status", problem.status().code());
        body.put("detail", problem.detail());
        body.put("requestId", requestId);
        var bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        var response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, problem.status(), Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(RequestIdFilter.HEADER, requestId);
        ctx.writeAndFlush(response);
    }
}
