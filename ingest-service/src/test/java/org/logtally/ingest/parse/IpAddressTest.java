package org.logtally.ingest.parse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IpAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "0.0.0.0", "192.0.2.1", "255.255.255.255", "10.0.0.10",
        "::", "::1", "1::", "2001:db8::7", "2a01:7e00::f03c:91ff:fe70:a4cc", "1:2:3:4:5:6:7:8",
        "fe80::1:2", "::ffff:192.0.2.1", "64:ff9b::198.51.100.4", "1:2:3:4:5:6:1.2.3.4", "ABCD:EF01::",
    })
    void literalMatchesJdkParse(String text) throws UnknownHostException {
        assertArrayEquals(jdkBytes(text), IpAddress.parse(text));
    }

    @ParameterizedTest
    @CsvSource({
        "fe80::1%eth0, fe80::1",
    })
    void zoneIsIgnored(String text, String withoutZone) throws UnknownHostException {
        assertArrayEquals(InetAddress.getByName(withoutZone).getAddress(), IpAddress.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "unknown", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.", ".1.2.3", "1..2.3",
        ":", ":::", "1:2", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", ":1::", "1:",
        "::1.2.3", "::g", "1.2.3.4:80", "deadbeef", "_hidden",
    })
    void invalidLiteralIsNull(String text) {
        assertNull(IpAddress.parse(text));
    }

    /**
     * Returns the JDK's bytes of a valid literal, which it parses without a name lookup. An IPv4-mapped
     * IPv6 literal becomes a 4-byte address in the JDK, so its 16 bytes are rebuilt.
     */
    private static byte[] jdkBytes(String text) throws UnknownHostException {
        byte[] address = InetAddress.getByName(text).getAddress();
        if (address.length == 16 || !text.contains(":")) {
            return address;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(address, 0, mapped, 12, 4);
        return mapped;
    }
}
