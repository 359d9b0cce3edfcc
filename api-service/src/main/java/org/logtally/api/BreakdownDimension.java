package org.logtally.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Breakdown dimension of the API. The name is the path segment and the dimension column in the database. */
public enum BreakdownDimension {
    STATUS("status"),
    PATHS("paths"),
    REFERRERS("referrers"),
    COUNTRIES("countries"),
    BROWSERS("browsers"),
    OS("os"),
    DEVICES("devices");

    /** The allowed names, comma-separated, for error messages. */
    static final String ALLOWED = Arrays.stream(values()).map(BreakdownDimension::pathName)
            .collect(Collectors.joining(", "));

    private final String pathName;

    BreakdownDimension(String pathName) {
        this.pathName = pathName;
    }

    public String pathName() {
        return pathName;
    }

    /**
     * Parses the dimension segment of a request path.
     *
     * @throws InvalidParameterException naming {@code dimension} when the name is not one of {@link #ALLOWED}
     */
    static BreakdownDimension parse(String value) {
        for (BreakdownDimension dimension : values()) {
            if (dimension.pathName.equals(value)) {
                return dimension;
            }
        }
        throw new InvalidParameterException("dimension",
                "dimension must be one of " + ALLOWED + ", got \"" + value + "\"");
    }
}
