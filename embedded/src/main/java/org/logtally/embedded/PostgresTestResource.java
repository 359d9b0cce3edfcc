package org.logtally.embedded;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Starts a throwaway PostgreSQL server for a {@code @QuarkusTest} and points both the
 * reactive and the JDBC datasource at it.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private Database database;

    @Override
    public Map<String, String> start() {
        database = Database.start(null, 0);
        return Map.of(
                "quarkus.datasource.reactive.url", database.reactiveUrl(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", Database.USER,
                "quarkus.datasource.password", Database.PASSWORD);
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}
