package org.logtally.ingest.parse;

import java.util.Arrays;

/** An IPv4 or IPv6 address range in CIDR notation, such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
public final class CidrRange {

    private final String text;
    private final byte[] network;
    private final int prefixLength;

    private CidrRange(String text, byte[] network, int prefixLength) {
        this.text = text;
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code address/prefix-length}, or a single address, which is a range of one. Host bits
     * set in the address are ignored, so {@code 10.1.2.3/8} is {@code 10.0.0.0/8}. An IPv4-mapped
     * IPv6 range such as {@code ::ffff:10.0.0.0/104} is stored as the IPv4 range it maps.
     *
     * @throws IllegalArgumentException when {@code text} is not a range, with a message that explains why
     */
    public static CidrRange parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String addressText = slash >= 0 ? trimmed.substring(0, slash) : trimmed;
        byte[] address = IpAddress.parse(addressText);
        if (address == null) {
            throw new IllegalArgumentException("invalid CIDR range " + FieldText.quote(text)
                    + ": " + FieldText.quote(addressText) + " is not an IPv4 or IPv6 address");
        }
        int maxLength = address.length * 8;
        int prefixLength = maxLength;
        if (slash >= 0) {
            String lengthText = trimmed.substring(slash + 1);
            prefixLength = parsePrefixLength(lengthText);
            if (prefixLength < 0 || prefixLength > maxLength) {
                throw new IllegalArgumentException("invalid CIDR range " + FieldText.quote(text)
                        + ": the prefix length must be a number from 0 to " + maxLength);
            }
        }
        byte[] unmapped = IpAddress.unmapIpv4(address);
        if (unmapped != address) {
            if (prefixLength < 96) {
                throw new IllegalArgumentException("invalid CIDR range " + FieldText.quote(text)
                        + ": an IPv4-mapped range needs a prefix length of at least 96");
            }
            prefixLength -= 96;
        }
        return new CidrRange(trimmed, mask(unmapped, prefixLength), prefixLength);
    }

    /** Returns whether {@code address} (4 or 16 bytes, IPv4-mapped IPv6 counting as IPv4) is in the range. */
    public boolean contains(byte[] address) {
        byte[] candidate = IpAddress.unmapIpv4(address);
        if (candidate.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(candidate, prefixLength), network);
    }

    @Override
    public String toString() {
        return text;
    }

    private static int parsePrefixLength(String text) {
        if (text.isEmpty() || text.length() > 3) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static byte[] mask(byte[] address, int prefixLength) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int bits = Math.max(0, Math.min(8, prefixLength - i * 8));
            masked[i] &= (byte) (0xff << (8 - bits));
        }
        return masked;
    }
}
