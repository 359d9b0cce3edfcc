package org.logtally.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.logtally.ingest.metrics.IngestMetrics;
import org.logtally.ingest.parse.SiteParsers;
import org.logtally.ingest.publish.AmqpBatchSink;
import org.logtally.ingest.tail.TailSettings;
import org.logtally.ingest.tail.Tailer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts the {@link Tailer} with the configured sources when the application starts, and stops it
 * on shutdown. A source whose format cannot work fails the start.
 */
@ApplicationScoped
public class IngestService {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    IngestConfig config;

    @Inject
    Vertx vertx;

    @Inject
    AmqpBatchSink sink;

    @Inject
    MeterRegistry registry;

    private Tailer tailer;

    void onStart(@Observes StartupEvent event) {
        if (config.sources().isEmpty()) {
            IngestLog.LOG.noSourceConfigured();
            return;
        }
        SiteParsers parsers = ParserFactory.create(config);
        Map<String, List<String>> pathsBySite = new LinkedHashMap<>();
        Map<String, List<Path>> rotatedDirsBySite = new LinkedHashMap<>();
        config.sources().forEach((site, source) -> {
            pathsBySite.put(site, source.paths());
            rotatedDirsBySite.put(site, source.rotatedDirs().orElse(List.of()).stream().map(Path::of).toList());
        });
        TailSettings settings = new TailSettings(pathsBySite, config.pollInterval(), config.dataDir(),
                config.batchSize(), config.readSize(), config.maxLineLength(), config.partialLineIdle(),
                config.rotatedFileIdle(), config.backfill(), config.rejectedLogInterval(), config.maxRetryDelay(),
                rotatedDirsBySite);
        tailer = new Tailer(vertx, settings, parsers, sink, new IngestMetrics(registry));
        tailer.start();
        IngestLog.LOG.started(pathsBySite.size(), config.pollInterval(), tailer.checkpointFile());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (tailer == null) {
            return;
        }
        try {
            tailer.stop().toCompletableFuture().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            IngestLog.LOG.stopped();
        } catch (TimeoutException e) {
            IngestLog.LOG.stopTimedOut(STOP_TIMEOUT);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Stopping the tailer failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
