package org.logtally.ingest.parse;

import org.logtally.ingest.parse.FormatElement.Field;
import org.logtally.ingest.parse.FormatElement.Literal;
import org.logtally.ingest.parse.FormatElement.Scan;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Compiles an nginx {@code log_format} string such as
 * {@code $remote_addr - $remote_user [$time_local] "$request" $status} into a {@link CompiledFormat}.
 * Variables are written {@code $name} or {@code ${name}}. Everything else is literal text that each
 * line must contain as written.
 */
public final class LogFormatCompiler {

    private LogFormatCompiler() {
    }

    /**
     * Compiles {@code format}.
     *
     * @throws InvalidFormatException when no line could match the format or the end of a field
     *         cannot be found; the message names the problem
     */
    public static CompiledFormat compile(String format) {
        List<Object> parts = split(format);
        Set<Variable> variables = EnumSet.noneOf(Variable.class);
        for (Object part : parts) {
            if (part instanceof VariableName name) {
                Variable known = Variable.known(name.name());
                if (known != null) {
                    variables.add(known);
                }
            }
        }
        if (!variables.contains(Variable.TIME_LOCAL) && !variables.contains(Variable.TIME_ISO8601)) {
            throw new InvalidFormatException("the format has no time variable: add $time_local or $time_iso8601");
        }
        if (!variables.contains(Variable.STATUS)) {
            throw new InvalidFormatException("the format has no $status variable");
        }
        if (!variables.contains(Variable.REMOTE_ADDR) && !variables.contains(Variable.HTTP_X_FORWARDED_FOR)) {
            throw new InvalidFormatException("the format has no client variable: add $remote_addr");
        }

        List<FormatElement> elements = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Object part = parts.get(i);
            if (part instanceof String text) {
                elements.add(literal(text, variableAt(parts, i - 1), variableAt(parts, i + 1)));
            } else {
                VariableName name = (VariableName) part;
                Object previous = i > 0 ? parts.get(i - 1) : null;
                Object next = i + 1 < parts.size() ? parts.get(i + 1) : null;
                Variable variable = Variable.of(name.name());
                elements.add(new Field(variable, name.name(), scan(variable, name.name(), previous, next)));
            }
        }
        return new CompiledFormat(format, elements, variables);
    }

    /** Splits the format into literal strings and {@link VariableName}s, in order. */
    private static List<Object> split(String format) {
        List<Object> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '$') {
                text.append(c);
                i++;
                continue;
            }
            int nameStart;
            int nameEnd;
            int next;
            if (i + 1 < format.length() && format.charAt(i + 1) == '{') {
                nameStart = i + 2;
                nameEnd = format.indexOf('}', nameStart);
                if (nameEnd < 0) {
                    throw new InvalidFormatException("the \"${\" at index " + i + " has no closing \"}\"");
                }
                next = nameEnd + 1;
            } else {
                nameStart = i + 1;
                nameEnd = nameStart;
                while (nameEnd < format.length() && isNameChar(format.charAt(nameEnd))) {
                    nameEnd++;
                }
                next = nameEnd;
            }
            String name = format.substring(nameStart, nameEnd);
            if (name.isEmpty() || !name.chars().allMatch(ch -> isNameChar((char) ch))) {
                throw new InvalidFormatException("the \"$\" at index " + i + " is not followed by a variable name");
            }
            if (text.length() > 0) {
                parts.add(text.toString());
                text.setLength(0);
            }
            parts.add(new VariableName(name));
            i = next;
        }
        if (text.length() > 0) {
            parts.add(text.toString());
        }
        return parts;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static Scan scan(Variable variable, String name, Object previous, Object next) {
        if (next instanceof VariableName nextName) {
            if (variable.fixedLength() > 0) {
                return Scan.FIXED;
            }
            throw new InvalidFormatException("$" + name + " and $" + nextName.name()
                    + " have no text between them, so the end of the $" + name + " value cannot be found");
        }
        if (next == null) {
            return Scan.TO_END;
        }
        String following = (String) next;
        if (previous instanceof String preceding && preceding.endsWith("\"") && following.startsWith("\"")) {
            return Scan.QUOTED;
        }
        if (variable.fixedLength() > 0 && variable.fixedValueMayContain((byte) following.charAt(0))) {
            return Scan.FIXED;
        }
        return variable.isUpstreamList() ? Scan.UPSTREAM_LIST : Scan.TO_LITERAL;
    }

    private static VariableName variableAt(List<Object> parts, int index) {
        if (index < 0 || index >= parts.size()) {
            return null;
        }
        return parts.get(index) instanceof VariableName name ? name : null;
    }

    /** Builds a literal whose absence is blamed on the field after it, or on the one before it at the end. */
    private static Literal literal(String text, VariableName previous, VariableName next) {
        String quotedText = FieldText.quote(text);
        if (next != null) {
            Variable variable = Variable.of(next.name());
            return new Literal(text, variable.category(), "missing " + quotedText + " before " + variable.description(next.name()));
        }
        if (previous != null) {
            Variable variable = Variable.of(previous.name());
            return new Literal(text, variable.category(),
                    "missing " + quotedText + " after " + variable.description(previous.name()));
        }
        return new Literal(text, RejectCategory.TRAILING_TEXT, "missing " + quotedText);
    }

    private record VariableName(String name) {
    }
}
