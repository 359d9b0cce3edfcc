package org.logtally.ingest.parse;

import java.nio.charset.StandardCharsets;

/** Checks nginx timing values: seconds with a fraction such as {@code 0.002}, or {@code -} when there is none. */
final class TimingValues {

    private TimingValues() {
    }

    /** Checks one value such as {@code $request_time}. */
    static void checkSeconds(Variable variable, byte[] bytes, int from, int to) {
        if (!isSeconds(bytes, from, to)) {
            throw invalid(variable, bytes, from, to);
        }
    }

    /**
     * Checks a per-upstream list such as {@code 0.002, 0.001 : 0.003}: values are separated by
     * {@code ", "} within a group of upstreams and by {@code " : "} between groups.
     */
    static void checkUpstreamSeconds(Variable variable, byte[] bytes, int from, int to) {
        int itemStart = from;
        int i = from;
        while (i <= to) {
            boolean atSeparator = i < to && (startsWith(bytes, i, to, ", ") || startsWith(bytes, i, to, " : "));
            if (i == to || atSeparator) {
                if (!isSeconds(bytes, itemStart, i)) {
                    throw invalid(variable, bytes, from, to);
                }
                if (i == to) {
                    return;
                }
                i += bytes[i] == ',' ? 2 : 3;
                itemStart = i;
            } else {
                i++;
            }
        }
    }

    /**
     * Returns the end of a per-upstream list that starts at {@code from}: items without spaces,
     * separated by {@code ", "} or {@code " : "}. A comma without a space after it stays inside an
     * item, so that the check of the value rejects it.
     */
    static int upstreamListEnd(byte[] bytes, int from, int end) {
        int i = from;
        while (true) {
            while (i < end && bytes[i] != ' ') {
                i++;
            }
            if (i > from && bytes[i - 1] == ',' && i + 1 < end && bytes[i + 1] != ' ') {
                i++;
            } else if (startsWith(bytes, i, end, " : ") && i + 3 < end && bytes[i + 3] != ' ') {
                i += 3;
            } else {
                return i;
            }
        }
    }

    private static boolean isSeconds(byte[] bytes, int from, int to) {
        if (to - from == 1 && bytes[from] == '-') {
            return true;
        }
        int digits = 0;
        int i = from;
        while (i < to && bytes[i] >= '0' && bytes[i] <= '9') {
            i++;
            digits++;
        }
        if (digits == 0) {
            return false;
        }
        if (i == to) {
            return true;
        }
        if (bytes[i] != '.' || i + 1 == to) {
            return false;
        }
        for (i++; i < to; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int at, int end, String text) {
        if (at + text.length() > end) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (bytes[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static InvalidLineException invalid(Variable variable, byte[] bytes, int from, int to) {
        String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        return new InvalidLineException(variable.category(),
                "invalid " + variable.description(variable.nginxName()) + " " + FieldText.quote(text));
    }
}
