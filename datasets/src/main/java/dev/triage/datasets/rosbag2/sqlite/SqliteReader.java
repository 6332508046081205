package dev.triage.datasets.rosbag2.sqlite;

import dev.triage.datasets.rosbag2.StorageFormatException;
import dev.triage.datasets.rosbag2.StorageReader;
import dev.triage.datasets.rosbag2.StoredMessage;
import dev.triage.datasets.rosbag2.TopicInfo;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads the messages of one rosbag2 sqlite3 file ({@code *.db3}, the Humble default storage): topics from the
 * {@code topics} table, messages from the {@code messages} table in timestamp order (as {@code ros2 bag play}
 * plays them), only those of the wanted topics, streamed row by row. The file is opened read-only through the
 * xerial sqlite-jdbc driver. Errors name the table or the last message id read.
 */
public final class SqliteReader implements StorageReader {
    private final Connection db;
    private final Map<Long, TopicInfo> topics;
    private PreparedStatement query;
    private ResultSet rows;
    private long lastId = -1;
    private boolean ended;

    private SqliteReader(Connection db, Map<Long, TopicInfo> topics) {
        this.db = db;
        this.topics = topics;
    }

    /**
     * Opens {@code path} read-only and reads its topics.
     *
     * @throws StorageFormatException when it is not an sqlite database or has no rosbag2 {@code topics} table
     */
    public static SqliteReader open(Path path) throws IOException, StorageFormatException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        Connection db;
        try {
            db = config.createConnection("jdbc:sqlite:" + path.toAbsolutePath());
        } catch (SQLException e) {
            throw new IOException("cannot open: " + e.getMessage(), e);
        }
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, name, type, serialization_format FROM topics ORDER BY id")) {
            Map<Long, TopicInfo> topics = new HashMap<>();
            while (rs.next()) {
                topics.put(rs.getLong(1), new TopicInfo(rs.getString(2), rs.getString(3), rs.getString(4),
                        Optional.empty()));
            }
            return new SqliteReader(db, topics);
        } catch (SQLException e) {
            close(db);
            throw new StorageFormatException("table 'topics'", reason(e));
        }
    }

    @Override
    public Optional<List<TopicInfo>> topics() {
        return Optional.of(topicsSeen());
    }

    @Override
    public List<TopicInfo> topicsSeen() {
        return topics.keySet().stream().sorted().map(topics::get).toList();
    }

    @Override
    public Optional<StoredMessage> next(Predicate<TopicInfo> wanted) throws StorageFormatException {
        if (ended) {
            return Optional.empty();
        }
        try {
            if (rows == null) {
                start(wanted);
            }
            if (!rows.next()) {
                ended = true;
                return Optional.empty();
            }
            lastId = rows.getLong(1);
            TopicInfo topic = topics.get(rows.getLong(2));
            byte[] data = rows.getBytes(4);
            return Optional.of(new StoredMessage(topic, rows.getLong(3), data == null ? new byte[0] : data,
                    "message id " + lastId));
        } catch (SQLException e) {
            ended = true;
            throw new StorageFormatException(lastId < 0 ? "table 'messages'" : "the row after message id " + lastId,
                    reason(e));
        }
    }

    private void start(Predicate<TopicInfo> wanted) throws SQLException {
        List<Long> ids = new ArrayList<>();
        topics.forEach((id, t) -> {
            if (wanted.test(t)) {
                ids.add(id);
            }
        });
        String in = ids.isEmpty() ? "-1" : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        query = db.prepareStatement("SELECT id, topic_id, timestamp, data FROM messages WHERE topic_id IN (" + in
                + ") ORDER BY timestamp, id");
        rows = query.executeQuery();
    }

    private static String reason(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int cut = m.indexOf('\n');
        return cut >= 0 ? m.substring(0, cut) : m;
    }

    @Override
    public void close() {
        try {
            if (query != null) {
                query.close();
            }
        } catch (SQLException e) {
            // closing anyway
        }
        close(db);
    }

    private static void close(Connection db) {
        try {
            db.close();
        } catch (SQLException e) {
            // nothing left to release
        }
    }
}
