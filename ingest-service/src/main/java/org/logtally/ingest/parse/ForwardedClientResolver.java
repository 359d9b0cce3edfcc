package org.logtally.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the client address from a proxy chain. The chain is the {@code $http_x_forwarded_for}
 * list followed by the {@code $remote_addr} value, which may itself be a comma-separated list.
 * The resolver walks the chain from the right and skips addresses in trusted proxy ranges, and
 * the first untrusted address is the client. When every address is trusted, the client is the
 * left-most one. An entry that is not an address, such as {@code unknown}, stops the walk, and
 * the client is then the trusted address to its right, which is the last proxy that can be named.
 * The UNIX-domain socket peer {@code unix:} counts as a trusted proxy.
 */
public final class ForwardedClientResolver {

    private final List<CidrRange> trustedProxies;

    public ForwardedClientResolver(List<CidrRange> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * Resolves the client of one line.
     *
     * @param remoteAddr the {@code $remote_addr} value, or null when the format has none
     * @param forwardedFor the {@code $http_x_forwarded_for} value, or null when absent or {@code -}
     * @return the client address without port or brackets, or null when the chain has no address
     */
    public String resolve(String remoteAddr, String forwardedFor) {
        List<String> chain = new ArrayList<>();
        addEntries(chain, forwardedFor);
        addEntries(chain, remoteAddr);
        String client = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            String entry = chain.get(i);
            if (entry.equals("unix:")) {
                continue;
            }
            String address = withoutPort(entry);
            byte[] bytes = IpAddress.parse(address);
            if (bytes == null) {
                break;
            }
            client = address;
            if (!isTrusted(bytes)) {
                break;
            }
        }
        return client;
    }

    boolean isTrusted(byte[] address) {
        for (CidrRange range : trustedProxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static void addEntries(List<String> chain, String list) {
        if (list == null) {
            return;
        }
        int start = 0;
        while (start <= list.length()) {
            int comma = list.indexOf(',', start);
            int stop = comma >= 0 ? comma : list.length();
            chain.add(list.substring(start, stop).strip());
            start = stop + 1;
        }
    }

    /** Removes a port from {@code 192.0.2.1:8080} or {@code [2001:db8::1]:8080}, and the brackets of {@code [2001:db8::1]}. */
    private static String withoutPort(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close > 0 ? entry.substring(1, close) : entry;
        }
        int colon = entry.indexOf(':');
        if (colon > 0 && entry.indexOf(':', colon + 1) < 0 && entry.indexOf('.') >= 0) {
            return entry.substring(0, colon);
        }
        return entry;
    }
}
