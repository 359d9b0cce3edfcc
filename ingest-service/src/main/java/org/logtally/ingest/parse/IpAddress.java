package org.logtally.ingest.parse;

/**
 * Parses IPv4 and IPv6 address literals into bytes without any name lookup, which
 * {@link java.net.InetAddress#getByName} could do for text that is not a literal.
 */
final class IpAddress {

    private IpAddress() {
    }

    /**
     * Parses dotted-quad IPv4 such as {@code 192.0.2.1} or IPv6 such as {@code 2001:db8::1} or
     * {@code ::ffff:192.0.2.1}. A zone such as {@code %eth0} after an IPv6 address is ignored.
     *
     * @return 4 or 16 bytes in network order, or null when {@code text} is not an address literal
     */
    static byte[] parse(String text) {
        if (text.indexOf(':') >= 0) {
            int zone = text.indexOf('%');
            return parseIpv6(zone >= 0 ? text.substring(0, zone) : text);
        }
        return parseIpv4(text, 0, text.length());
    }

    /** Returns the IPv4 address of an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}), or {@code address} unchanged. */
    static byte[] unmapIpv4(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return address;
        }
        return new byte[] {address[12], address[13], address[14], address[15]};
    }

    private static byte[] parseIpv4(String text, int start, int end) {
        byte[] address = new byte[4];
        int part = 0;
        int i = start;
        while (part < 4) {
            int digitsStart = i;
            int value = 0;
            while (i < end && i - digitsStart < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int length = i - digitsStart;
            if (length == 0 || value > 255 || (length > 1 && text.charAt(digitsStart) == '0')) {
                return null;
            }
            address[part++] = (byte) value;
            if (part < 4) {
                if (i >= end || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == end ? address : null;
    }

    private static byte[] parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        byte[] head = gap >= 0 ? groups(text, 0, gap, false) : groups(text, 0, text.length(), true);
        if (head == null) {
            return null;
        }
        if (gap < 0) {
            return head.length == 16 ? head : null;
        }
        byte[] tail = groups(text, gap + 2, text.length(), true);
        if (tail == null || head.length + tail.length > 14) {
            return null;
        }
        byte[] address = new byte[16];
        System.arraycopy(head, 0, address, 0, head.length);
        System.arraycopy(tail, 0, address, 16 - tail.length, tail.length);
        return address;
    }

    /**
     * Parses colon-separated groups of one to four hex digits in {@code [start, end)}. When
     * {@code ipv4Tail} is set, the last group may be a dotted-quad IPv4 address.
     */
    private static byte[] groups(String text, int start, int end, boolean ipv4Tail) {
        if (start == end) {
            return new byte[0];
        }
        byte[] bytes = new byte[16];
        int length = 0;
        int i = start;
        while (true) {
            int groupStart = i;
            int value = 0;
            while (i < end && i - groupStart < 4 && Character.digit(text.charAt(i), 16) >= 0) {
                value = value * 16 + Character.digit(text.charAt(i), 16);
                i++;
            }
            if (ipv4Tail && i < end && text.charAt(i) == '.') {
                byte[] ipv4 = parseIpv4(text, groupStart, end);
                if (ipv4 == null || length + 4 > 16) {
                    return null;
                }
                System.arraycopy(ipv4, 0, bytes, length, 4);
                length += 4;
                break;
            }
            if (i == groupStart || length + 2 > 16) {
                return null;
            }
            bytes[length++] = (byte) (value >> 8);
            bytes[length++] = (byte) value;
            if (i == end) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i == end) {
                return null;
            }
        }
        byte[] result = new byte[length];
        System.arraycopy(bytes, 0, result, 0, length);
        return result;
    }
}
