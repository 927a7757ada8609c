package org.complaints.support.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value that parsed but lies outside {@link JsonLimits}; its message is written for the
 * client (it names no Java type) and becomes the field's reason in the 400 problem.
 */
public class RejectedValue extends MismatchedInputException {

    public RejectedValue(JsonParser parser, String reason) {
        super(parser, reason);
    }
}
