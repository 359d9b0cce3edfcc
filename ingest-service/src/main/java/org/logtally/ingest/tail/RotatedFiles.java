package org.logtally.ingest.tail;

import org.logtally.ingest.IngestLog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Finds files that rotation left next to a followed file: the file itself under another name
 * (by device and inode), and the usual rotated names {@code access.log.1},
 * {@code access.log.2.gz} and {@code access.log-20261130}. All methods block.
 */
final class RotatedFiles {

    /** The rotation suffix: a number or a date after a dot or dash, optionally followed by {@code .gz}. */
    private static final Pattern SUFFIX = Pattern.compile("[.-](\\d+)(\\.gz)?");

    /** A rotated file next to a followed one. {@code number} is the logrotate number or the date. */
    record Sibling(Path path, long device, long inode, long size, FileTime modified, long number, boolean compressed) {
    }

    private RotatedFiles() {
    }

    static boolean isCompressed(Path path) {
        return path.getFileName().toString().endsWith(".gz");
    }

    /** Returns the regular file in {@code directory} with this device and inode, if there is one. */
    static Optional<ScannedFile> findByIdentity(String site, Path directory, long device, long inode) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                Optional<ScannedFile> file = stat(site, entry);
                if (file.isPresent() && file.get().device() == device && file.get().inode() == inode) {
                    return file;
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            IngestLog.LOG.pathListFailed(directory.toString(), site, e);
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Returns the rotated files next to {@code live} and in {@code rotatedDirs}, oldest first by
     * modification time, then by number.
     */
    static List<Sibling> siblings(Path live, List<Path> rotatedDirs) throws IOException {
        List<Path> directories = new ArrayList<>();
        directories.add(live.toAbsolutePath().getParent());
        for (Path directory : rotatedDirs) {
            Path absolute = directory.toAbsolutePath().normalize();
            if (!directories.contains(absolute)) {
                directories.add(absolute);
            }
        }
        String base = live.getFileName().toString();
        List<Sibling> siblings = new ArrayList<>();
        for (Path directory : directories) {
            addSiblings(directory, base, siblings);
        }
        // A higher logrotate number is older, so it sorts first when the times are equal.
        siblings.sort(Comparator.comparing(Sibling::modified)
                .thenComparing(Comparator.comparingLong(Sibling::number).reversed()));
        return siblings;
    }

    private static void addSiblings(Path directory, String base, List<Sibling> siblings) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, base + "*")) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                Matcher matcher = SUFFIX.matcher(name.substring(base.length()));
                if (!matcher.matches() || !Files.isRegularFile(entry)) {
                    continue;
                }
                Map<String, Object> attributes = Files.readAttributes(entry, "unix:dev,ino,size,lastModifiedTime");
                long number = Long.parseLong(matcher.group(1).length() > 18 ? "0" : matcher.group(1));
                siblings.add(new Sibling(entry, (Long) attributes.get("dev"), (Long) attributes.get("ino"),
                        (Long) attributes.get("size"), (FileTime) attributes.get("lastModifiedTime"), number,
                        matcher.group(2) != null));
            }
        } catch (NoSuchFileException e) {
            // A missing directory has no rotated files.
        }
    }

    /** Opens the file, decompressing it when its name ends in {@code .gz}. */
    static InputStream open(Path path) throws IOException {
        InputStream in = Files.newInputStream(path);
        if (!isCompressed(path)) {
            return in;
        }
        try {
            return new GZIPInputStream(in, 64 * 1024);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /** Returns up to {@code length} bytes from the start of the (decompressed) file. */
    static byte[] readStart(Path path, int length) throws IOException {
        try (InputStream in = open(path)) {
            return in.readNBytes(length);
        }
    }

    static Optional<ScannedFile> stat(String site, Path path) {
        try {
            if (!Files.isRegularFile(path)) {
                return Optional.empty();
            }
            Map<String, Object> attributes = Files.readAttributes(path, "unix:dev,ino,size");
            return Optional.of(new ScannedFile(site, path.toString(),
                    (Long) attributes.get("dev"), (Long) attributes.get("ino"), (Long) attributes.get("size")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
