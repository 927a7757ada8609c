package org.complaints.gateway.system;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * Installs {@link MalformedRequestHandler} on every connection, between Netty's HTTP codec and
 * Reactor Netty's own request handling, so no request is refused without a problem detail. The
 * limits themselves are {@code server.max-http-request-header-size} and
 * {@code server.netty.max-initial-line-length} (application.yml).
 */
@Configuration(proxyBeanMethods = false)
class MalformedRequestConfiguration {

    static final String HANDLER = "complaints.malformedRequest";

    @Bean
    NettyServerCustomizer malformedRequestProblems() {
        return server -> server.doOnChannelInit((observer, channel, address) -> {
            var pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
                pipeline.addBefore(NettyPipeline.HttpTrafficHandler, HANDLER, new MalformedRequestHandler());
            } else if (pipeline.get(NettyPipeline.HttpCodec) != null) {
                pipeline.addAfter(NettyPipeline.HttpCodec, HANDLER, new MalformedRequestHandler());
            }
        });
    }
}
