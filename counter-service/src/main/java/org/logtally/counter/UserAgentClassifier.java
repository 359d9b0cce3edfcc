package org.logtally.counter;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

import java.util.Set;

/**
 * Classifies user-agent strings with Yauaa into browser, operating system and device class, and decides
 * which of them are bots. The classes of up to {@code logtally.counter.user-agents.cache-size} distinct strings
 * are kept in a Caffeine cache, so a busy client is parsed once. The cache contains the small result of this
 * class. Yauaa's own cache is off, because in profiles of this service each of its hits built a new result object.
 *
 * <p>Yauaa loads all its matching rules at construction. With the three fields used here that takes
 * several seconds and about 100 MB of heap, so the analyser is built once, at start-up.
 */
@Singleton
public class UserAgentClassifier {

    /**
     * Yauaa device classes of automated clients: crawlers ({@code Robot}, {@code Robot Mobile}), clients that
     * claim to be a crawler ({@code Robot Imitator}), scrapers ({@code Spy}) and attack tools or requests without
     * a user agent ({@code Hacker}).
     */
    static final Set<String> BOT_DEVICE_CLASSES = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Spy", "Hacker");

    private final UserAgentAnalyzer analyzer;
    private final LoadingCache<String, UserAgentClass> classes;

    @Inject
    UserAgentClassifier(CounterConfig config) {
        this(config.userAgents().cacheSize());
    }

    UserAgentClassifier(int cacheSize) {
        if (cacheSize < 1) {
            throw new IllegalArgumentException("Invalid logtally.counter.user-agents.cache-size " + cacheSize
                    + ": set it to 1 or more");
        }
        long start = System.nanoTime();
        analyzer = UserAgentAnalyzer.newBuilder()
                .withFields(UserAgent.DEVICE_CLASS, UserAgent.AGENT_NAME, UserAgent.OPERATING_SYSTEM_NAME)
                .withoutCache()
                .dropTests()
                .hideMatcherLoadStats()
                .immediateInitialization()
                .build();
        classes = Caffeine.newBuilder().maximumSize(cacheSize).build(this::parse);
        CounterLog.LOG.userAgentAnalyserReady((System.nanoTime() - start) / 1_000_000, cacheSize);
    }

    /** Classifies a user-agent string. A missing user agent is classified like an empty one. */
    UserAgentClass classify(String userAgent) {
        return classes.get(userAgent == null ? "" : userAgent);
    }

    private UserAgentClass parse(String userAgent) {
        UserAgent result = analyzer.parse(userAgent);
        String deviceClass = result.getValue(UserAgent.DEVICE_CLASS);
        return new UserAgentClass(
                DimensionValues.truncate(result.getValue(UserAgent.AGENT_NAME)),
                DimensionValues.truncate(result.getValue(UserAgent.OPERATING_SYSTEM_NAME)),
                DimensionValues.truncate(deviceClass),
                isBot(deviceClass));
    }

    /** Returns whether a Yauaa device class marks an automated client. */
    static boolean isBot(String deviceClass) {
        return BOT_DEVICE_CLASSES.contains(deviceClass);
    }
}
