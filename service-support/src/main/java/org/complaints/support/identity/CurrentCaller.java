package org.complaints.support.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where the verified caller lives while work runs: the current HTTP request (set by
 * {@link IdentityFilter}) or, for background relays and sweeps, a system identity bound with
 * {@link #runAs}. Feign calls sign a system identity from whichever is present.
 */
public final class CurrentCaller {

    static final String ATTRIBUTE = CallerIdentity.class.getName();
    private static final ThreadLocal<CallerIdentity> BACKGROUND = new ThreadLocal<>();

    private CurrentCaller() {}

    public static Optional<CallerIdentity> get() {
        var background = BACKGROUND.get();
        if (background != null) {
            return Optional.of(background);
        }
        return request().map(r -> (CallerIdentity) r.getAttribute(ATTRIBUTE));
    }

    /**
     * The token to send to service {@code audience}: a background (relay, sweep) identity is signed
     * for it; while serving a request this service signs its own system identity in the caller's
     * tenant, naming the caller for audit. The caller's own token is never forwarded: it is
     * addressed to this service only.
     */
    public static Optional<String> downstreamToken(IdentityTokens tokens, String audience) {
        var background = BACKGROUND.get();
        if (background != null) {
            return Optional.of(tokens.sign(background, audience));
        }
        return request()
                .map(r -> (CallerIdentity) r.getAttribute(ATTRIBUTE))
                .map(caller -> tokens.onBehalfOf(caller, audience));
    }

    /** The identity bound by {@link #runAs} on this thread, if any. */
    public static CallerIdentity background() {
        return BACKGROUND.get();
    }

    public static <T> T runAs(CallerIdentity caller, Supplier<T> work) {
        var previous = BACKGROUND.get();
        BACKGROUND.set(caller);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                BACKGROUND.remove();
            } else {
                BACKGROUND.set(previous);
            }
        }
    }

    public static void runAs(CallerIdentity caller, Runnable work) {
        runAs(caller, () -> {
            work.run();
            return null;
        });
    }

    private static Optional<HttpServletRequest> request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? Optional.of(attributes.getRequest())
                : Optional.empty();
    }
}
