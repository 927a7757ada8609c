package org.complaints.support.feign;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import org.complaints.support.identity.CurrentCaller;
import org.complaints.support.identity.IdentityTokens;
import org.complaints.support.web.RequestIds;

/**
 * Every Feign call carries the request id and a system identity signed by this service and
 * addressed to the target (the Feign client's name is the target service's name): on behalf of the
 * request's caller, or the relay's or sweep's own identity.
 */
public class DownstreamCalls implements RequestInterceptor {

    private final IdentityTokens tokens;

    public DownstreamCalls(IdentityTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void apply(RequestTemplate template) {
        RequestIds.current().ifPresent(id -> template.header(RequestIds.HEADER, id));
        CurrentCaller.downstreamToken(tokens, template.feignTarget().name())
                .ifPresent(token -> template.header(IdentityTokens.HEADER, token));
    }
}
