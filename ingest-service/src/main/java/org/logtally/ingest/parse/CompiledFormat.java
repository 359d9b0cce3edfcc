package org.logtally.ingest.parse;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An nginx {@code log_format} string split into literal text and fields, ready for {@link LogFormatParser}.
 *
 * @param format the log_format string as configured
 * @param variables the known variables the format contains
 */
public record CompiledFormat(String format, List<FormatElement> elements, Set<Variable> variables) {

    public CompiledFormat {
        elements = List.copyOf(elements);
        variables = variables.isEmpty() ? EnumSet.noneOf(Variable.class) : EnumSet.copyOf(variables);
    }

    /** Returns whether the format writes {@code $remote_addr}. */
    public boolean hasRemoteAddr() {
        return variables.contains(Variable.REMOTE_ADDR);
    }

    /** Returns whether the format writes {@code $http_x_forwarded_for}. */
    public boolean hasForwardedFor() {
        return variables.contains(Variable.HTTP_X_FORWARDED_FOR);
    }
}
