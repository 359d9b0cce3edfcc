package org.logtally.ingest.parse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrRangeTest {

    private static boolean contains(String range, String address) {
        return CidrRange.parse(range).contains(IpAddress.parse(address));
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.0.0.1, true",
        "10.0.0.0/8, 10.255.255.255, true",
        "10.0.0.0/8, 11.0.0.0, false",
        "172.16.0.0/12, 172.31.1.1, true",
        "172.16.0.0/12, 172.32.0.1, false",
        "192.0.2.0/25, 192.0.2.127, true",
        "192.0.2.0/25, 192.0.2.128, false",
        "192.0.2.7, 192.0.2.7, true",
        "192.0.2.7/32, 192.0.2.8, false",
        "0.0.0.0/0, 203.0.113.9, true",
        "10.1.2.3/8, 10.200.0.1, true",
        "2001:db8::/32, 2001:db8:ffff::1, true",
        "2001:db8::/32, 2001:db9::1, false",
        "2001:db8::/127, 2001:db8::1, true",
        "2001:db8::/127, 2001:db8::2, false",
        "::1, ::1, true",
        "::/0, 2a01:7e00::1, true",
        "::/0, 10.0.0.1, false",
        "10.0.0.0/8, ::ffff:10.9.8.7, true",
        "::ffff:10.0.0.0/104, 10.9.8.7, true",
        "::ffff:10.0.0.0/104, 11.0.0.1, false",
        "10.0.0.0/8, 2001:db8::1, false",
    })
    void rangeContainsAddress(String range, String address, boolean expected) {
        assertEquals(expected, contains(range, address));
    }

    @Test
    void surroundingSpaceIsIgnored() {
        assertTrue(contains(" 10.0.0.0/8 ", "10.1.1.1"));
        assertFalse(contains(" 10.0.0.0/8 ", "11.1.1.1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/33 | invalid CIDR range \"10.0.0.0/33\": the prefix length must be a number from 0 to 32",
        "2001:db8::/129 | invalid CIDR range \"2001:db8::/129\": the prefix length must be a number from 0 to 128",
        "10.0.0.0/ | invalid CIDR range \"10.0.0.0/\": the prefix length must be a number from 0 to 32",
        "10.0.0.0/x | invalid CIDR range \"10.0.0.0/x\": the prefix length must be a number from 0 to 32",
        "10.0.0/8 | invalid CIDR range \"10.0.0/8\": \"10.0.0\" is not an IPv4 or IPv6 address",
        "proxy.example.org | invalid CIDR range \"proxy.example.org\": \"proxy.example.org\" is not an IPv4 or IPv6 address",
        "::ffff:10.0.0.0/64 | invalid CIDR range \"::ffff:10.0.0.0/64\": an IPv4-mapped range needs a prefix length of at least 96",
    })
    void invalidRangeIsRejected(String range, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CidrRange.parse(range));

        assertEquals(message, e.getMessage());
    }
}
