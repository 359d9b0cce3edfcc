package org.logtally.ingest.tail;

import org.logtally.ingest.IngestLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Expands the configured paths and globs into regular files and reads their device, inode and
 * size. Reading {@code unix:*} attributes works on Linux and other UNIX systems only. The
 * methods block and must run on a worker thread, one call at a time.
 */
final class FileScanner {

    private static final String GLOB_CHARACTERS = "*?[{";

    private final Map<String, List<String>> pathsBySite;
    /** Patterns that matched nothing at the last scan, so the warning is logged once per change. */
    private final Set<String> unmatched = new HashSet<>();
    /** Compressed files that a pattern matched, so that skipping each is logged once. */
    private final Set<String> skippedCompressed = new HashSet<>();

    FileScanner(Map<String, List<String>> pathsBySite) {
        this.pathsBySite = pathsBySite;
    }

    /** Returns each matched file once per site, in the order of the configured paths. */
    List<ScannedFile> scan() {
        Map<String, ScannedFile> byIdentity = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> source : pathsBySite.entrySet()) {
            String site = source.getKey();
            for (String pattern : source.getValue()) {
                List<ScannedFile> matched = match(site, pattern);
                String unmatchedKey = site + '\u0000' + pattern;
                if (matched.isEmpty()) {
                    if (unmatched.add(unmatchedKey)) {
                        IngestLog.LOG.pathMatchesNothing(pattern, site);
                    }
                } else {
                    unmatched.remove(unmatchedKey);
                }
                for (ScannedFile file : matched) {
                    byIdentity.putIfAbsent(FileState.identity(site, file.device(), file.inode()), file);
                }
            }
        }
        return new ArrayList<>(byIdentity.values());
    }

    private List<ScannedFile> match(String site, String pattern) {
        List<ScannedFile> files = new ArrayList<>();
        Path absolute = Paths.get(pattern).toAbsolutePath().normalize();
        if (!hasGlob(pattern)) {
            stat(site, absolute).ifPresent(files::add);
            return files;
        }
        Path base = absolute.getRoot();
        int depth = 0;
        boolean inGlob = false;
        for (Path part : absolute) {
            if (inGlob || hasGlob(part.toString())) {
                inGlob = true;
                depth++;
            } else {
                base = base.resolve(part);
            }
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absolute);
        try (Stream<Path> walk = Files.walk(base, depth, FileVisitOption.FOLLOW_LINKS)) {
            walk.filter(matcher::matches).sorted().forEach(path -> stat(site, path).ifPresent(files::add));
        } catch (NoSuchFileException e) {
            return files;
        } catch (IOException | UncheckedIOException e) {
            IngestLog.LOG.pathListFailed(pattern, site, e);
        }
        return files;
    }

    private Optional<ScannedFile> stat(String site, Path path) {
        if (RotatedFiles.isCompressed(path)) {
            if (skippedCompressed.add(site + '\u0000' + path)) {
                IngestLog.LOG.compressedFileSkipped(path.toString(), site);
            }
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(path)) {
                return Optional.empty();
            }
            Map<String, Object> attributes = Files.readAttributes(path, "unix:dev,ino,size");
            return Optional.of(new ScannedFile(site, path.toString(),
                    (Long) attributes.get("dev"), (Long) attributes.get("ino"), (Long) attributes.get("size")));
        } catch (NoSuchFileException e) {
            // The file was deleted after the listing, so the next poll no longer lists it.
            return Optional.empty();
        } catch (IOException e) {
            IngestLog.LOG.pathListFailed(path.toString(), site, e);
            return Optional.empty();
        }
    }

    private static boolean hasGlob(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (GLOB_CHARACTERS.indexOf(text.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}
