package org.logtally.counter;

/**
 * Breakdown dimension of the daily counts. The name is the value of the {@code dimension} column of
 * {@code daily_breakdown} and {@code daily_breakdown_visitor}, and the name that the API uses.
 */
enum Dimension {
    STATUS("status"),
    PATHS("paths"),
    REFERRERS("referrers"),
    COUNTRIES("countries"),
    BROWSERS("browsers"),
    OS("os"),
    DEVICES("devices");

    private final String columnValue;

    Dimension(String columnValue) {
        this.columnValue = columnValue;
    }

    String columnValue() {
        return columnValue;
    }
}
