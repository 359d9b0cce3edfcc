package org.logtally.ingest.parse;

import java.nio.charset.StandardCharsets;

/** One part of a compiled log format: text written as is, or the value of a variable. */
sealed interface FormatElement permits FormatElement.Literal, FormatElement.Field {

    /**
     * Text between variables.
     *
     * @param category category of a line on which this text is missing
     * @param missingReason reason of a line on which this text is missing
     */
    record Literal(String text, byte[] bytes, RejectCategory category, String missingReason)
            implements FormatElement {

        Literal(String text, RejectCategory category, String missingReason) {
            this(text, text.getBytes(StandardCharsets.UTF_8), category, missingReason);
        }
    }

    /**
     * A variable and how the parser finds the end of its value.
     *
     * @param name nginx name without {@code $}
     */
    record Field(Variable variable, String name, Scan scan) implements FormatElement {

        String description() {
            return variable.description(name);
        }
    }

    /** Rule that finds the end of a value. */
    enum Scan {
        /** The value is inside double quotes and ends at the first quote not escaped by a backslash. */
        QUOTED,
        /**
         * The value has {@link Variable#fixedLength()} bytes, because the next element is a field or
         * literal text whose first byte may occur inside the value.
         */
        FIXED,
        /** The value is a list of items separated by {@code ", "} or {@code " : "}, as nginx writes per-upstream values. */
        UPSTREAM_LIST,
        /**
         * The value ends where the next literal text first occurs, or at the first space for a
         * variable whose values have none.
         * NOTE: a value that contains that text is cut there, for example an IPv6 {@code $remote_addr}
         * before {@code :$remote_port}, and the line is then rejected.
         */
        TO_LITERAL,
        /** The value runs to the end of the line, because the field is the last element. */
        TO_END
    }
}
