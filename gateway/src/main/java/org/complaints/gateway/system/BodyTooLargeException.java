package org.complaints.gateway.system;

/** A streamed request body passed the limit; the error handler answers 413. */
public class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException(long maxBytes) {
        super("request body exceeds " + maxBytes + " bytes", null, false, false);
    }
}
