package org.logtally.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A log writer that alternates between two files: it appends a round of lines to one,
 * then switches to the other and first truncates it to zero in place. A reader that keeps
 * its old offset after a truncation misses the lines of the next round.
 */
final class TruncatingWriter {


    private final Path[] files;

    TruncatingWriter(Path first, Path second) {
        this.files = new Path[] {first, second};
    }

    /**
     * Writes {@code rounds} rounds of {@code linesPerRound} lines, each round spread over
     * about {@code roundDuration} so that the reader polls in the middle of rounds, and
     * returns the independent count of all lines written.
     */
    IndependentCount write(int rounds, int linesPerRound, Duration roundDuration) throws IOException, InterruptedException {
        IndependentCount count = new IndependentCount();
        // Times at +0200 that cross midnight, so the day written on the line differs from the UTC day.
        OffsetDateTime time = OffsetDateTime.of(2026, 3, 14, 23, 50, 0, 0, ZoneOffset.ofHours(2));
        long pauseEvery = 10;
        long pauseMillis = roundDuration.toMillis() * pauseEvery / linesPerRound;
        int sequence = 0;
        String previous = null;
        for (int round = 0; round < rounds; round++) {
            try (FileChannel channel = FileChannel.open(files[round % 2], StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                channel.truncate(0);
                for (int i = 0; i < linesPerRound; i++) {
                    sequence++;
                    // Every 25th line repeats the line before it: the same bytes, two requests.
                    String line = sequence % 25 == 0 && previous != null ? previous : line(sequence, time.plusSeconds(sequence));
                    channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)), channel.size());
                    count.add(line);
                    previous = line;
                    if ((i + 1) % pauseEvery == 0) {
                        Thread.sleep(pauseMillis);
                    }
                }
            }
        }
        return count;
    }

    private static String line(int sequence, OffsetDateTime time) {
        String client = "198.51.100." + (sequence % 50 + 1);
        int status = sequence % 11 == 0 ? 404 : 200;
        String agent = sequence % 3 == 0 ? "curl/8.5.0" : "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
        return CombinedLine.format(client, "-", time, "GET /page/" + sequence + " HTTP/1.1", status,
                String.valueOf(100 + sequence), "-", agent);
    }
}
