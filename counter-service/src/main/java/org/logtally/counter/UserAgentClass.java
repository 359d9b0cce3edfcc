package org.logtally.counter;

/**
 * Browser, operating system and device class of one user-agent string, as the analyser classified it.
 *
 * @param browser         agent name, such as {@code Firefox} or {@code Googlebot}
 * @param operatingSystem operating system name, such as {@code Windows NT} or {@code Android}
 * @param deviceClass     device class, such as {@code Desktop}, {@code Phone} or {@code Robot}
 * @param bot             whether the device class marks an automated client
 */
record UserAgentClass(String browser, String operatingSystem, String deviceClass, boolean bot) {
}
