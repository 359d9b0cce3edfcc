package org.logtally.benchmarks.pipeline;

import java.util.List;
import java.util.Map;

/** Measurements of one pipeline benchmark, written as JSON for the report. */
public record Results(
        long lines,
        long logBytes,
        GoAccess goAccess,
        List<Run> runs) {

    /**
     * One GoAccess run on the generated log.
     *
     * @param validRequests lines GoAccess counted as valid, from its JSON report
     */
    public record GoAccess(String version, long validRequests, double seconds, double linesPerSecond) {
    }

    /**
     * One pipeline run with fresh servers.
     *
     * @param mode          {@code end-to-end} (ingest-service reads the log) or {@code counter-only}
     *                      (events published straight to the events queue)
     * @param hits          sum of {@code daily_total.hits} at the end; equal to the line count unless timed out
     * @param seconds       from the log file appearing, or the first message sent, until the hits were counted
     * @param secondHalfEventsPerSecond rate from half of the lines counted to the end
     * @param secondHalfCpuMicrosPerEvent CPU time of each part of the run ({@link CpuTimes}) per event counted in
     *                      the second half, in microseconds
     * @param tableBytes    {@code pg_total_relation_size} of each table after the run
     */
    public record Run(
            String mode,
            int counters,
            long hits,
            boolean complete,
            double seconds,
            double eventsPerSecond,
            double secondHalfEventsPerSecond,
            Map<String, Double> secondHalfCpuMicrosPerEvent,
            Map<String, Long> tableBytes) {
    }
}
