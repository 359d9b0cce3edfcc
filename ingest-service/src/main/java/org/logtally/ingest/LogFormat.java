package org.logtally.ingest;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Named access log formats, chosen with {@code logtally.ingest.sources."<site>".format}. */
public enum LogFormat {
    /** The nginx {@code combined} format, also Apache's {@code combined} with {@code %b}. */
    COMBINED("combined",
            "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"
                    + " \"$http_referer\" \"$http_user_agent\""),
    /** The Apache and NCSA {@code common} format: combined without referer and user agent. */
    COMMON("common", "$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent"),
    /**
     * The {@code vhost_combined} format of Debian's Apache configuration,
     * {@code %v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"}, written with nginx variables.
     * {@code %O} is the bytes sent including headers, so the event's size includes them too.
     */
    VHOST_COMBINED("vhost_combined",
            "$host:$server_port $remote_addr - $remote_user [$time_local] \"$request\" $status $bytes_sent"
                    + " \"$http_referer\" \"$http_user_agent\""),
    /** One JSON object per line, as nginx writes with {@code escape=json}. */
    JSON("json", null);

    private final String configName;
    private final String logFormat;

    LogFormat(String configName, String logFormat) {
        this.configName = configName;
        this.logFormat = logFormat;
    }

    /** Returns the name in the configuration, for example {@code vhost_combined}. */
    public String configName() {
        return configName;
    }

    /** Returns the equivalent nginx log_format string, or null for {@link #JSON}. */
    public String logFormat() {
        return logFormat;
    }

    /** Returns the preset named {@code name}, ignoring case. */
    public static Optional<LogFormat> byName(String name) {
        return Arrays.stream(values()).filter(format -> format.configName.equalsIgnoreCase(name)).findFirst();
    }

    /** Returns the preset names, comma-separated, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(LogFormat::configName).collect(Collectors.joining(", "));
    }
}
