package org.logtally.counter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decides which day a request belongs to and which requests count towards unique visitors.
 * Hits count every request and bytes sum every response body. A unique visitor is a distinct
 * pair of client address and user agent within one day. Requests from bots count towards the
 * separate bot visitors, and towards the visitors only when bots are included.
 */
public final class CountingRules {

    /** Length in bytes of a stored visitor hash: the first 16 bytes of a SHA-256 digest. */
    public static final int VISITOR_HASH_LENGTH = 16;

    /**
     * One digest per thread, because every event is hashed and {@link MessageDigest#getInstance} looks the
     * algorithm up among the security providers on each call.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(CountingRules::sha256);

    private final Optional<ZoneId> timeZone;
    private final boolean includeClientErrors;
    private final boolean includeBots;

    /**
     * @param timeZone            zone whose calendar date is the day of a request, or empty for the date in the
     *                            line's own UTC offset
     * @param includeClientErrors whether requests with a 4xx status count towards visitors
     * @param includeBots         whether requests from bots count towards visitors
     */
    public CountingRules(Optional<ZoneId> timeZone, boolean includeClientErrors, boolean includeBots) {
        this.timeZone = timeZone;
        this.includeClientErrors = includeClientErrors;
        this.includeBots = includeBots;
    }

    /**
     * Parses the {@code logtally.counter.time-zone} setting. A blank setting means the line's own offset.
     *
     * @throws IllegalArgumentException when the setting is not a valid zone id
     */
    public static Optional<ZoneId> parseTimeZone(String setting) {
        if (setting == null || setting.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(setting.strip()));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Invalid logtally.counter.time-zone '" + setting + "': "
                    + e.getMessage() + ". Set an IANA time zone id such as Europe/Berlin, or leave it empty to "
                    + "count each request on the date written on its line.", e);
        }
    }

    public Optional<ZoneId> timeZone() {
        return timeZone;
    }

    public boolean includeClientErrors() {
        return includeClientErrors;
    }

    public boolean includeBots() {
        return includeBots;
    }

    /** Returns the day that a request at {@code requestTime} is counted on. */
    public LocalDate dayOf(OffsetDateTime requestTime) {
        return timeZone.map(zone -> requestTime.atZoneSameInstant(zone).toLocalDate())
                .orElseGet(requestTime::toLocalDate);
    }

    /** Returns whether a request with this HTTP status counts towards unique visitors. */
    public boolean countsAsVisitor(int status) {
        boolean clientError = status >= 400 && status <= 499;
        return includeClientErrors || !clientError;
    }

    /**
     * Returns the visitor hash of a request, or null when the request does not count towards visitors.
     * A request from a bot counts only when bots are included.
     *
     * @see #visitorHash(String, String)
     */
    public byte[] visitorOf(int status, String client, String userAgent, boolean bot) {
        boolean counted = countsAsVisitor(status) && (includeBots || !bot);
        return counted ? visitorHash(client, userAgent) : null;
    }

    /**
     * Returns the visitor hash of a request from a bot whose status counts towards visitors, or null for
     * any other request. Bot visitors are counted whether or not bots are included in the visitors.
     */
    public byte[] botVisitorOf(int status, String client, String userAgent, boolean bot) {
        return bot && countsAsVisitor(status) ? visitorHash(client, userAgent) : null;
    }

    /**
     * Returns the first {@value #VISITOR_HASH_LENGTH} bytes of the SHA-256 digest of the UTF-8 bytes of
     * {@code client + '\0' + userAgent}. A null user agent hashes as the empty string.
     */
    public static byte[] visitorHash(String client, String userAgent) {
        String key = client + '\u0000' + (userAgent == null ? "" : userAgent);
        byte[] digest = SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(digest, VISITOR_HASH_LENGTH);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM, but every Java SE runtime has it", e);
        }
    }
}
