package dev.triage.datasets.rosbag2;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * Puts the messages of a file-order {@link StorageReader} into log-time order through a bounded re-order window, for
 * an MCAP file that has no index to merge by (written unindexed, or cut off by a crash before its summary). A
 * message is held until one at least {@code windowNanos} newer in log time has been read, or until the held messages
 * pass {@code maxHeldBytes}; then the oldest held one goes out. Equal log times keep file order.
 *
 * <p>A message older than one already handed out (more out of order than the window allows) is <em>late</em>: it is
 * handed out as soon as it can be, never dropped, logged (the first one, with where it lies) and counted
 * ({@link #lateMessages()}). When the inner reader fails (a cut or corrupt file), every message it returned before
 * is handed out first, then the failure is thrown.
 */
public final class LogTimeWindow implements StorageReader {
    /** Default window: 1 s of log time (a recorder's writer threads disagree by milliseconds). */
    public static final long DEFAULT_WINDOW_NANOS = 1_000_000_000L;
    /** Default cap on the bytes of held messages: 256 MiB. */
    public static final long DEFAULT_MAX_HELD_BYTES = 256L << 20;
    private static final System.Logger LOG = System.getLogger(LogTimeWindow.class.getName());
    private static final Comparator<Held> ORDER = Comparator.comparingLong((Held h) -> h.message().logTimeNanos())
            .thenComparingLong(Held::sequence);
    private final StorageReader inner;
    private final Path file;
    private final long windowNanos;
    private final long maxHeldBytes;
    private final PriorityQueue<Held> held = new PriorityQueue<>(ORDER);
    private long heldBytes;
    private long sequence;
    private long newest = Long.MIN_VALUE;
    private long lastOut = Long.MIN_VALUE;
    private long late;
    private boolean innerEnded;
    private Exception failure;

    private record Held(StoredMessage message, long sequence) {
    }

    /**
     * @param inner        the file-order reader (closed with this one)
     * @param file         its file, for the warning
     * @param windowNanos  how far out of log-time order a message may come and still be put in order
     * @param maxHeldBytes cap on the bytes of held messages (the oldest goes out early when it is passed)
     */
    public LogTimeWindow(StorageReader inner, Path file, long windowNanos, long maxHeldBytes) {
        if (windowNanos < 0 || maxHeldBytes < 0) {
            throw new IllegalArgumentException("window and held bytes must be >= 0: " + windowNanos + ", "
                    + maxHeldBytes);
        }
        this.inner = inner;
        this.file = file;
        this.windowNanos = windowNanos;
        this.maxHeldBytes = maxHeldBytes;
    }

    /** A window of {@link #DEFAULT_WINDOW_NANOS} holding at most {@link #DEFAULT_MAX_HELD_BYTES}. */
    public LogTimeWindow(StorageReader inner, Path file) {
        this(inner, file, DEFAULT_WINDOW_NANOS, DEFAULT_MAX_HELD_BYTES);
    }

    @Override
    public Optional<List<TopicInfo>> topics() {
        return inner.topics();
    }

    @Override
    public List<TopicInfo> topicsSeen() {
        return inner.topicsSeen();
    }

    @Override
    public Optional<StoredMessage> next(Predicate<TopicInfo> wanted) throws IOException, StorageFormatException {
        while (true) {
            if (!held.isEmpty() && (innerEnded || failure != null || heldBytes > maxHeldBytes
                    || newest - held.peek().message().logTimeNanos() >= windowNanos)) {
                return Optional.of(handOut());
            }
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof StorageFormatException bad) {
                throw bad;
            }
            if (innerEnded) {
                return Optional.empty();
            }
            read(wanted);
        }
    }

    /** Messages that came later than the window allows (handed out late, never dropped). */
    public long lateMessages() {
        return late;
    }

    private void read(Predicate<TopicInfo> wanted) {
        Optional<StoredMessage> m;
        try {
            m = inner.next(wanted);
        } catch (IOException | StorageFormatException e) {
            failure = e;
            return;
        }
        if (m.isEmpty()) {
            innerEnded = true;
            if (late > 0) {
                LOG.log(System.Logger.Level.WARNING, file + ": " + late + " message(s) came more than the re-order "
                        + "window (" + windowNanos / 1_000_000 + " ms) out of log-time order and were replayed late");
            }
            return;
        }
        StoredMessage message = m.get();
        if (message.logTimeNanos() < lastOut && late++ == 0) {
            LOG.log(System.Logger.Level.WARNING, file + ": message on '" + message.topic().topic() + "' at "
                    + message.where() + " is logged " + (lastOut - message.logTimeNanos()) / 1_000_000 + " ms before "
                    + "one already replayed (out of order by more than the re-order window of "
                    + windowNanos / 1_000_000 + " ms, or the held messages passed " + (maxHeldBytes >> 20)
                    + " MiB); it is replayed late and counted");
        }
        newest = Math.max(newest, message.logTimeNanos());
        heldBytes += message.data().length;
        held.add(new Held(message, sequence++));
    }

    private StoredMessage handOut() {
        StoredMessage out = held.poll().message();
        heldBytes -= out.data().length;
        lastOut = Math.max(lastOut, out.logTimeNanos());
        return out;
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
