package org.complaints.support.web;

import java.time.Instant;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON strictness for every service's request bodies, in one place (ADR 0015): the bounded
 * pre-read ({@link JsonBodyGuard}), a strict mapper for the server's JSON converter (unknown
 * fields, nulls for primitives, floats for integers, numbers for enums and cross-type coercions
 * are refused; decimals and instants bounded by {@link BoundedValues}) and bounded instant query
 * parameters. Only the server side is strict: Feign clients keep Boot's lenient mapper, so a
 * consumer may read a slice of a richer answer.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class JsonLimitsConfiguration {

    @Bean
    JsonLimits jsonLimits() {
        return JsonLimits.DEFAULTS;
    }

    @Bean
    JsonBodyGuard jsonBodyGuard(JsonLimits limits) {
        return new JsonBodyGuard(limits);
    }

    /** Runs after Boot's own customizer, so this converter replaces the default JSON one. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer strictJsonConverter(
            JsonMapper mapper,
            JsonLimits limits,
            @Value("${complaints.web.json.fail-on-unknown-properties:true}") boolean failOnUnknown) {
        var strict = strict(mapper, limits, failOnUnknown);
        return builder -> builder.withJsonConverter(new JacksonJsonHttpMessageConverter(strict));
    }

    /** The request mapper: Boot's configuration plus the refusals listed on this class. */
    public static JsonMapper strict(JsonMapper mapper, JsonLimits limits, boolean failOnUnknown) {
        return mapper.rebuild()
                .addModule(BoundedValues.module(limits))
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, failOnUnknown)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfig(
                        LogicalType.Textual,
                        c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Enum, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .build();
    }

    /** Instant query parameters ({@code createdFrom=...}) get the same range as body fields. */
    @Bean
    WebMvcConfigurer boundedInstantParameters(JsonLimits limits) {
        return new WebMvcConfigurer() {
            @Override
            public void addFormatters(FormatterRegistry registry) {
                registry.addFormatterForFieldType(Instant.class, new Formatter<Instant>() {
                    @Override
                    public Instant parse(String text, Locale locale) {
                        return BoundedValues.instant(text.strip(), limits, IllegalArgumentException::new);
                    }

                    @Override
                    public String print(Instant value, Locale locale) {
                        return value.toString();
                    }
                });
            }
        };
    }
}
