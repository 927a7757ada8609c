package org.complaints.support.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;
import org.complaints.support.web.ProblemWriter;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects every business call without a valid identity addressed to this service (401), every
 * call to {@code /internal/**} by anyone but a peer service's system identity (403), and writes by
 * a system identity to the public API (403): service-to-service writes use {@code /internal/**}
 * (decision 0011).
 */
public class IdentityFilter extends OncePerRequestFilter {

    public static final String INTERNAL_PREFIX = "/internal/";
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
    // Compiled once: every request of every service passes here.
    private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");
    private static final Pattern PATH_PARAMETERS = Pattern.compile(";[^/]*");

    private final IdentityTokens tokens;
    private final ProblemWriter problems;

    public IdentityFilter(IdentityTokens tokens, ProblemWriter problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = path(request);
        return path.startsWith("/actuator") || path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var header = request.getHeader(IdentityTokens.HEADER);
        var caller = header == null ? null : tokens.verify(header).orElse(null);
        if (caller == null) {
            problems.write(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "unauthenticated",
                    "A verified identity is required; call through the gateway.");
            return;
        }
        var internal = isInternal(path(request)) || isInternal(normalized(request));
        if (internal && !caller.isSystem()) {
            problems.write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "internal-only",
                    "This endpoint serves the other services of the suite only.");
            return;
        }
        if (!internal && caller.isSystem() && !READS.contains(request.getMethod())) {
            problems.write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    "system-identity-on-public-api",
                    "A service writes to another service through its internal endpoints only.");
            return;
        }
        request.setAttribute(CurrentCaller.ATTRIBUTE, caller);
        chain.doFilter(request, response);
    }

    static boolean isInternal(String path) {
        var clean = PATH_PARAMETERS
                .matcher(REPEATED_SLASHES.matcher(path).replaceAll("/"))
                .replaceAll("");
        return clean.equals("/internal") || clean.startsWith(INTERNAL_PREFIX);
    }

    /** The container's decoded and normalised path ("/a/../internal" is "/internal"). */
    private static String normalized(HttpServletRequest request) {
        var servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        var pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        return servletPath + pathInfo;
    }

    /** The path inside the application, as the dispatcher will match it (no context path). */
    private static String path(HttpServletRequest request) {
        var uri = request.getRequestURI();
        var context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
