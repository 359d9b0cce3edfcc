package org.logtally.ingest.tail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises content that was already read under another identity, by the fingerprint of its
 * first line. Only the poll in progress, or the backfill before the first poll, calls it.
 */
final class ContentOrigins {

    /** Maximum number of ended generations kept; the oldest is dropped first. */
    static final int MAX_ENDED = 1000;

    /** Result of looking up the first line of new content. */
    sealed interface Origin {
    }

    /** The content is new. */
    record Unknown() implements Origin {
    }

    /** The content is a copy of a file that is still followed, so the copy waits until that file is rotated. */
    record CopyOfFollowed(FileState original) implements Origin {
    }

    /**
     * The content was read under {@code fileKey} up to {@code offset}; reading goes on from there.
     *
     * @param state the released or vanished file that read it, or null for an ended generation
     */
    record Known(String fileKey, long offset, FileState state) implements Origin {
    }

    private final Map<String, FileState> states;
    private final Deque<EndedGeneration> ended = new ArrayDeque<>();
    /** Ended generations whose copy has not been looked for next to the file yet. */
    private final List<EndedGeneration> unsearched = new ArrayList<>();

    ContentOrigins(Map<String, FileState> states) {
        this.states = states;
    }

    void restore(List<EndedGeneration> stored) {
        ended.addAll(stored);
    }

    /** Keeps a generation that ended, and queues the search for its copy. */
    void add(EndedGeneration generation) {
        ended.addLast(generation);
        unsearched.add(generation);
        while (ended.size() > MAX_ENDED) {
            unsearched.remove(ended.removeFirst());
        }
    }

    List<EndedGeneration> ended() {
        return List.copyOf(ended);
    }

    /** Removes {@code generation}, whose copy is now read, and returns whether it was still kept. */
    boolean take(EndedGeneration generation) {
        unsearched.remove(generation);
        return ended.remove(generation);
    }

    /** Returns and clears the generations whose copy the next scan looks for. */
    List<EndedGeneration> takeUnsearched() {
        List<EndedGeneration> taken = List.copyOf(unsearched);
        unsearched.clear();
        return taken;
    }

    /**
     * Finds where the content of {@code state}, whose first line has this fingerprint, was read
     * before. An ended generation that matches is taken, so that only one copy continues it.
     */
    Origin find(FileState state, String fingerprint, int length) {
        return find(state, fingerprint, length, null);
    }

    /**
     * Like {@link #find(FileState, String, int)}, but when {@code followed} is not null, a file
     * counts as followed only when its identity is in it. Backfill uses this before the
     * first poll, when files that vanished while the service was stopped are not released yet.
     */
    Origin find(FileState state, String fingerprint, int length, Set<String> followed) {

        Iterator<EndedGeneration> iterator = ended.descendingIterator();
        while (iterator.hasNext()) {
            EndedGeneration generation = iterator.next();
            // A generation that this identity ended is its own old content: new content that starts
            // with the same line after a truncation is read from offset 0, not continued.
            if (generation.fileKey().startsWith(state.device + ":" + state.inode + ":")) {
                continue;
            }
            if (generation.site().equals(state.site) && generation.fingerprintLength() == length
                    && generation.fingerprint().equals(fingerprint)) {
                iterator.remove();
                unsearched.remove(generation);
                return new Known(generation.fileKey(), generation.offset(), null);
            }
        }
        for (FileState other : states.values()) {
            if (other == state || !other.site.equals(state.site) || other.fingerprintLength != length
                    || !fingerprint.equals(other.fingerprint)) {
                continue;
            }
            boolean isFollowed = followed == null ? !other.released : followed.contains(other.identity());
            if (!isFollowed) {
                return new Known(other.fileKey(), other.offset, other);
            }
            return new CopyOfFollowed(other);
        }
        return new Unknown();
    }
}
