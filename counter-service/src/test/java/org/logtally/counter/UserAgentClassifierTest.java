package org.logtally.counter;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks the classification of a few well-known user agents with Yauaa 7.32.0. */
class UserAgentClassifierTest {

    static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    static final String FIREFOX_WINDOWS =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
    static final String CHROME_ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";

    private static UserAgentClassifier classifier;

    @BeforeAll
    static void buildClassifier() {
        classifier = new UserAgentClassifier(100);
    }

    @Test
    void googlebotIsRobot() {
        UserAgentClass result = classifier.classify(GOOGLEBOT);

        assertEquals("Googlebot", result.browser());
        assertEquals("Robot", result.deviceClass());
        assertTrue(result.bot());
    }

    @Test
    void desktopFirefoxIsHuman() {
        UserAgentClass result = classifier.classify(FIREFOX_WINDOWS);

        assertEquals("Firefox", result.browser());
        assertEquals("Windows NT", result.operatingSystem());
        assertEquals("Desktop", result.deviceClass());
        assertFalse(result.bot());
    }

    @Test
    void androidChromeIsPhone() {
        UserAgentClass result = classifier.classify(CHROME_ANDROID);

        assertEquals("Chrome", result.browser());
        assertEquals("Android", result.operatingSystem());
        assertEquals("Phone", result.deviceClass());
        assertFalse(result.bot());
    }

    @Test
    void commandLineClientIsBot() {
        assertTrue(classifier.classify("curl/8.5.0").bot());
        assertTrue(classifier.classify("Wget/1.21.4").bot());
        assertTrue(classifier.classify("python-requests/2.31.0").bot());
    }

    @Test
    void missingUserAgentIsBot() {
        // Yauaa puts a request without a user agent in device class Hacker.
        UserAgentClass missing = classifier.classify(null);

        assertEquals(classifier.classify(""), missing);
        assertEquals("Hacker", missing.deviceClass());
        assertTrue(missing.bot());
    }

    @Test
    void botRuleListsAutomatedDeviceClasses() {
        for (String deviceClass : new String[] {"Robot", "Robot Mobile", "Robot Imitator", "Spy", "Hacker"}) {
            assertTrue(UserAgentClassifier.isBot(deviceClass), deviceClass);
        }
        for (String deviceClass : new String[] {"Desktop", "Phone", "Tablet", "Mobile", "TV", "Unknown"}) {
            assertFalse(UserAgentClassifier.isBot(deviceClass), deviceClass);
        }
    }

    @Test
    void cacheSizeBelowOneIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new UserAgentClassifier(0));
        assertTrue(error.getMessage().contains("logtally.counter.user-agents.cache-size"), error.getMessage());
    }
}
