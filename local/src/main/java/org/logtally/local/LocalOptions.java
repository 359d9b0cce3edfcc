package org.logtally.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Settings of a {@link LocalPipeline}: what it starts and where it keeps its state.
 *
 * @param root              repository root, where the packaged services are
 * @param dataDir           directory for all state: broker journal, database files, checkpoints, logs
 * @param sources           the files or globs that ingest-service follows, by site name
 * @param counters          number of counter-service instances
 * @param apiPort           HTTP port of api-service (0 picks a free port)
 * @param broker            external AMQP broker, or null to start an embedded one
 * @param database          external PostgreSQL server, or null to start an embedded one
 * @param ingestProperties  extra system properties for ingest-service, for example its poll interval
 * @param counterProperties extra system properties for every counter-service instance, for example
 *                          its retry backoff
 */
public record LocalOptions(
        Path root,
        Path dataDir,
        Map<String, List<String>> sources,
        int counters,
        int apiPort,
        Endpoint broker,
        Endpoint database,
        Map<String, String> ingestProperties,
        Map<String, String> counterProperties) {

    /** Options with no extra counter-service properties. */
    public LocalOptions(Path root, Path dataDir, Map<String, List<String>> sources, int counters, int apiPort,
                        Endpoint broker, Endpoint database, Map<String, String> ingestProperties) {
        this(root, dataDir, sources, counters, apiPort, broker, database, ingestProperties, Map.of());
    }
}
