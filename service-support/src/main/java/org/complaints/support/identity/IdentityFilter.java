package org.complaints.support.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.complaints.support.web.ProblemWriter;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/** Rejects every business call that does not carry a valid identity signed with the shared secret. */
public class IdentityFilter extends OncePerRequestFilter {

    private final IdentityTokens tokens;
    private final ProblemWriter problems;

    public IdentityFilter(IdentityTokens tokens, ProblemWriter problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        var path = request.getRequestURI();
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
        request.setAttribute(CurrentCaller.ATTRIBUTE, caller);
        chain.doFilter(request, response);
    }
}
