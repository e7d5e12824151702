package sspvs.server;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Checks that keep other web sites out of a server the user runs on their own machine: on a loopback bind the
 * {@code Host} header must name a loopback host (else a page on a DNS-rebinding domain could read every job), and a
 * request that changes something ({@code POST}, {@code DELETE}) from a browser must come from this server's own
 * page (its {@code Origin} names the same host and port), so another site cannot upload or delete through it.
 */
final class RequestOrigins {
    private final boolean loopbackOnly;

    /** @param bindAddress the address the server listens on */
    RequestOrigins(String bindAddress) {
        this.loopbackOnly = isLoopback(bindAddress);
    }

    /** Why the request is refused, or null when it may go on. */
    String refusal(String method, String hostHeader, String originHeader) {
        if (loopbackOnly && (hostHeader == null || !isLoopbackName(hostOf(hostHeader)))) {
            return "this server answers only requests addressed to this machine (Host: localhost or 127.0.0.1)";
        }
        boolean changes = !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        if (changes && originHeader != null && !originHeader.equals("null") && !sameAuthority(originHeader,
                hostHeader)) {
            return "a request from another site's page (Origin " + originHeader + ") is refused";
        }
        if (changes && "null".equals(originHeader)) {
            return "a request from an opaque origin (Origin: null) is refused";
        }
        return null;
    }

    private static boolean sameAuthority(String origin, String hostHeader) {
        try {
            URI o = URI.create(origin);
            String authority = o.getRawAuthority();
            return authority != null && hostHeader != null
                    && authority.toLowerCase(Locale.ROOT).equals(hostHeader.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The host part of a Host header: "[::1]:8080" -> "::1", "localhost:8080" -> "localhost". */
    static String hostOf(String hostHeader) {
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.lastIndexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /** localhost, or an IP literal that is a loopback address (no DNS lookup: a name could resolve anywhere). */
    static boolean isLoopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-f:]+")) {
            return false;
        }
        return isLoopback(h);
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
