package org.logtally.counter;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;

/** Writes rejected lines inside a transaction that the caller opens. A line that is stored already is skipped. */
@Singleton
public class RejectedLineWriter {

    private static final String INSERT_REJECTED_LINES = """
            INSERT INTO rejected_line (line_id, site, file, file_offset, reason, raw)
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::bytea[])
                AS input(line_id, site, file, file_offset, reason, raw)
            ORDER BY line_id
            ON CONFLICT (line_id) DO NOTHING
            """;

    /** Inserts the lines that are not stored yet and returns how many were inserted. */
    Uni<Long> write(SqlConnection connection, List<RejectedLineRow> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        // A batch may contain the same id twice. DO NOTHING skips the second row, so no deduplication is
        // needed here, unlike for ON CONFLICT DO UPDATE.
        Tuple columns = Tuple.of(
                rows.stream().map(RejectedLineRow::id).toArray(UUID[]::new),
                rows.stream().map(RejectedLineRow::site).toArray(String[]::new),
                rows.stream().map(RejectedLineRow::file).toArray(String[]::new),
                rows.stream().map(RejectedLineRow::offset).toArray(Long[]::new),
                rows.stream().map(RejectedLineRow::reason).toArray(String[]::new),
                rows.stream().map(row -> Buffer.buffer(row.raw())).toArray(Buffer[]::new));
        return connection.preparedQuery(INSERT_REJECTED_LINES).execute(columns)
                .map(result -> (long) result.rowCount());
    }
}
