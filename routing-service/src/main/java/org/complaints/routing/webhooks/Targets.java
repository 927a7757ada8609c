package org.complaints.routing.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.complaints.support.delivery.DeliveryRefused;
import org.complaints.support.web.ProblemException;

/**
 * Where webhooks may be sent (ADR 0261). Outside the local profile only {@code https://} URLs whose
 * host resolves to public addresses: no loopback, private, link-local (cloud metadata),
 * carrier-grade NAT, unique-local, multicast or unspecified address, checked when the subscription
 * is created and again before every attempt (a name may later resolve elsewhere, DNS rebinding).
 * With {@code complaints.webhooks.allow-insecure-targets} (local profile, tests) {@code http://}
 * and local addresses are allowed.
 */
final class Targets {

    static final int MAX_URL = 2000;

    /** Resolves a host name; replaced in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowInsecure;
    private final Resolver resolver;

    Targets(boolean allowInsecure, Resolver resolver) {
        this.allowInsecure = allowInsecure;
        this.resolver = resolver;
    }

    Targets(boolean allowInsecure) {
        this(allowInsecure, InetAddress::getAllByName);
    }

    /** At creation: the URL as stored, or a 422 naming the field {@code url}. */
    URI check(String url) {
        var problem = problem(url);
        if (problem != null) {
            throw ProblemException.invalid("url", problem);
        }
        return URI.create(url);
    }

    /** Before an attempt: a target no longer allowed is refused for good (the delivery is parked). */
    void checkAtSend(String url) {
        var problem = problem(url);
        if (problem != null) {
            throw new DeliveryRefused(0, "webhook target refused: " + problem);
        }
    }

    private String problem(String url) {
        if (url == null || url.isBlank()) {
            return "is required";
        }
        if (url.length() > MAX_URL) {
            return "is longer than " + MAX_URL + " characters";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL";
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return "must be an absolute https URL with a host";
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return "must not carry user information or a fragment";
        }
        if (allowInsecure) {
            return null;
        }
        if (!scheme.equals("https")) {
            return "must use https";
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            return "has a host that does not resolve";
        }
        for (var address : addresses) {
            if (!isPublic(address)) {
                return "must not point to a loopback, private, link-local or otherwise non-public address";
            }
        }
        return null;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        var b = address.getAddress();
        if (address instanceof Inet4Address) {
            var first = b[0] & 0xff;
            var second = b[1] & 0xff;
            return first != 0 // "this" network
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19)) // benchmarking
                    && first < 240; // reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return false; // unique local fc00::/7
            }
            var mapped = true;
            for (var i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
