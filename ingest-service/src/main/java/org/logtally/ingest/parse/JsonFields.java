package org.logtally.ingest.parse;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * JSON keys of the fields of a JSON log line. By default each key is the nginx variable name
 * without {@code $}, as in a log_format such as {@code {"remote_addr":"$remote_addr",...}}.
 */
public final class JsonFields {

    private static final Variable[] FIELDS = {
        Variable.REMOTE_ADDR, Variable.REMOTE_USER, Variable.TIME_LOCAL, Variable.TIME_ISO8601, Variable.REQUEST,
        Variable.STATUS, Variable.BODY_BYTES_SENT, Variable.BYTES_SENT, Variable.HTTP_REFERER,
        Variable.HTTP_USER_AGENT, Variable.HTTP_X_FORWARDED_FOR, Variable.REQUEST_TIME,
        Variable.UPSTREAM_RESPONSE_TIME,
    };

    private final Map<String, Variable> variablesByKey;
    private final Map<Variable, String> keysByVariable;

    private JsonFields(Map<Variable, String> keysByVariable) {
        this.keysByVariable = keysByVariable;
        this.variablesByKey = new HashMap<>();
        keysByVariable.forEach((variable, key) -> variablesByKey.put(key, variable));
    }

    /**
     * Builds the mapping from the default keys and {@code overrides}, which map field names such as
     * {@code time_iso8601} to the key that contains them in the JSON object, such as {@code @timestamp}.
     *
     * @throws InvalidFormatException when a field name is unknown or two fields share a key
     */
    public static JsonFields of(Map<String, String> overrides) {
        Map<Variable, String> keys = new LinkedHashMap<>();
        for (Variable variable : FIELDS) {
            keys.put(variable, variable.nginxName());
        }
        overrides.forEach((field, key) -> {
            Variable variable = Variable.known(field);
            if (variable == null || !keys.containsKey(variable)) {
                throw new InvalidFormatException("unknown JSON field " + FieldText.quote(field)
                        + ", expected one of " + fieldNames());
            }
            keys.put(variable, key);
        });
        Map<String, Variable> seen = new HashMap<>();
        keys.forEach((variable, key) -> {
            Variable other = seen.put(key, variable);
            if (other != null) {
                throw new InvalidFormatException("the JSON key " + FieldText.quote(key) + " is set for both "
                        + other.nginxName() + " and " + variable.nginxName());
            }
        });
        return new JsonFields(keys);
    }

    /** Returns the field stored under {@code key}, or null when the key is not mapped. */
    Variable variableOf(String key) {
        return variablesByKey.get(key);
    }

    String keyOf(Variable variable) {
        return keysByVariable.get(variable);
    }

    private static String fieldNames() {
        TreeSet<String> names = new TreeSet<>();
        for (Variable variable : FIELDS) {
            names.add(variable.nginxName());
        }
        return String.join(", ", names);
    }
}
