package org.complaints.support.feign;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import org.complaints.support.identity.CurrentCaller;
import org.complaints.support.identity.IdentityTokens;
import org.complaints.support.web.RequestIds;

/**
 * Every Feign call carries the request id and the caller's identity: the incoming token unchanged
 * while serving a request, or a freshly signed system identity for relays and sweeps.
 */
public class DownstreamCalls implements RequestInterceptor {

    private final IdentityTokens tokens;

    public DownstreamCalls(IdentityTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void apply(RequestTemplate template) {
        RequestIds.current().ifPresent(id -> template.header(RequestIds.HEADER, id));
        CurrentCaller.downstreamToken(tokens).ifPresent(token -> template.header(IdentityTokens.HEADER, token));
    }
}
