package org.logtally.ingest.parse;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ForwardedClientResolverTest {

    private final ForwardedClientResolver resolver = new ForwardedClientResolver(List.of(
            CidrRange.parse("10.0.0.0/8"), CidrRange.parse("192.168.0.0/16"), CidrRange.parse("fd00::/8")));

    @Test
    void untrustedRemoteAddrIsClient() {
        assertEquals("203.0.113.9", resolver.resolve("203.0.113.9", "198.51.100.4"));
    }

    @Test
    void rightMostUntrustedEntryIsClient() {
        assertEquals("198.51.100.4", resolver.resolve("10.0.0.2", "1.1.1.1, 198.51.100.4, 192.168.1.1"));
    }

    @Test
    void spoofedLeftEntriesAreIgnored() {
        assertEquals("198.51.100.4", resolver.resolve("10.0.0.2", "10.0.0.99, 198.51.100.4"));
    }

    @Test
    void allTrustedGivesLeftMost() {
        assertEquals("10.1.1.1", resolver.resolve("10.0.0.2", "10.1.1.1, 192.168.5.5"));
    }

    @Test
    void trustedRemoteAddrWithoutHeaderIsClient() {
        assertEquals("10.0.0.2", resolver.resolve("10.0.0.2", null));
    }

    @Test
    void ipv6EntriesAreMatched() {
        assertEquals("2001:db8::7", resolver.resolve("fd00::1", "2001:db8::7, fd12::3"));
        assertEquals("fd12::3", resolver.resolve("fd00::1", "fd12::3"));
    }

    @Test
    void portsAndBracketsAreRemoved() {
        assertEquals("198.51.100.4", resolver.resolve("10.0.0.2", "198.51.100.4:51234"));
        assertEquals("2001:db8::7", resolver.resolve("10.0.0.2", "[2001:db8::7]:443"));
        assertEquals("2001:db8::8", resolver.resolve("10.0.0.2", "[2001:db8::8]"));
    }

    @Test
    void listInRemoteAddrIsWalked() {
        assertEquals("198.51.100.4", resolver.resolve("198.51.100.4, 10.0.0.2", null));
    }

    @Test
    void malformedEntryStopsAtNearestProxy() {
        assertEquals("10.0.0.5", resolver.resolve("10.0.0.2", "198.51.100.4, unknown, 10.0.0.5"));
        assertEquals("10.0.0.2", resolver.resolve("10.0.0.2", "198.51.100.4, "));
        assertEquals("10.0.0.2", resolver.resolve("10.0.0.2", "198.51.100.4,,"));
    }

    @Test
    void malformedRemoteAddrHasNoClient() {
        assertNull(resolver.resolve("garbage", "198.51.100.4"));
    }

    @Test
    void unixSocketPeerIsTrusted() {
        assertEquals("198.51.100.4", resolver.resolve("unix:", "198.51.100.4"));
        assertNull(resolver.resolve("unix:", null));
    }

    @Test
    void mappedAddressMatchesIpv4Range() {
        assertEquals("198.51.100.4", resolver.resolve("::ffff:10.0.0.2", "198.51.100.4"));
    }

    @Test
    void noTrustedRangesGivesRemoteAddr() {
        ForwardedClientResolver none = new ForwardedClientResolver(List.of());

        assertEquals("10.0.0.2", none.resolve("10.0.0.2", "198.51.100.4"));
    }
}
