package org.logtally.counter;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Sets {@code logtally.counter.geoip.database} to the GeoIP test database when it has been fetched, and leaves
 * it unset otherwise. Every {@code @QuarkusTest} of this module declares the same test resources, so Quarkus
 * starts the application once for all of them.
 */
public class GeoipTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return GeoipTestDatabase.path()
                .map(path -> Map.of("logtally.counter.geoip.database", path.toString()))
                .orElse(Map.of());
    }

    @Override
    public void stop() {
        // Nothing was started.
    }
}
