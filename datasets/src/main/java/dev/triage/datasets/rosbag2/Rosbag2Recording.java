package dev.triage.datasets.rosbag2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.triage.datasets.rosbag2.mcap.McapStorage;
import dev.triage.datasets.rosbag2.sqlite.SqliteReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A rosbag2 recording: its storage files in play order and their storage format. PATH is a bag folder (its
 * {@code metadata.yaml} names the storage and the split files), a bare {@code .mcap} file or a bare {@code .db3}.
 *
 * @param path    what was given
 * @param storage {@code mcap} or {@code sqlite3}
 * @param files   the storage files, in the order metadata.yaml lists them
 */
public record Rosbag2Recording(Path path, String storage, List<Path> files) {
    /** The MCAP storage plugin's identifier. */
    public static final String MCAP = "mcap";
    /** The sqlite3 storage plugin's identifier. */
    public static final String SQLITE3 = "sqlite3";
    private static final String METADATA = "metadata.yaml";

    public Rosbag2Recording {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(storage, "storage");
        files = List.copyOf(files);
    }

    /** True for a folder with a metadata.yaml, a .mcap file or a .db3 file. */
    public static boolean isRecording(Path path) {
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve(METADATA));
        }
        return storageOf(path) != null;
    }

    /**
     * Resolves {@code path}.
     *
     * @throws StorageFormatException when metadata.yaml does not parse, names an unknown storage or a missing file
     */
    public static Rosbag2Recording resolve(Path path) throws IOException, StorageFormatException {
        if (!Files.isDirectory(path)) {
            String storage = storageOf(path);
            if (storage == null) {
                throw new StorageFormatException("its name", "not a .mcap or .db3 file");
            }
            return new Rosbag2Recording(path, storage, List.of(path));
        }
        Path metadata = path.resolve(METADATA);
        JsonNode info;
        try {
            info = new ObjectMapper(new YAMLFactory()).readTree(metadata.toFile()).path("rosbag2_bagfile_information");
        } catch (IOException e) {
            throw new StorageFormatException(METADATA, "does not parse: " + firstLine(e.getMessage()));
        }
        String storage = info.path("storage_identifier").asText("");
        if (!MCAP.equals(storage) && !SQLITE3.equals(storage)) {
            throw new StorageFormatException(METADATA, "storage_identifier '" + storage + "' is not " + MCAP + " or "
                    + SQLITE3);
        }
        JsonNode relative = info.path("relative_file_paths");
        if (!relative.isArray() || relative.isEmpty()) {
            throw new StorageFormatException(METADATA, "no relative_file_paths");
        }
        List<Path> files = new ArrayList<>();
        for (JsonNode name : relative) {
            files.add(locate(path, name.asText()));
        }
        return new Rosbag2Recording(path, storage, files);
    }

    /** Opens storage file {@code i}. */
    public StorageReader open(int i, int maxRecordBytes) throws IOException, StorageFormatException {
        return MCAP.equals(storage) ? McapStorage.open(files.get(i), maxRecordBytes) : SqliteReader.open(files.get(i));
    }

    /** Older rosbag2 versions wrote paths with the bag folder's name in front; newer ones the bare file name. */
    private static Path locate(Path folder, String relative) throws StorageFormatException {
        Path direct = folder.resolve(relative);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        Path bare = folder.resolve(Path.of(relative).getFileName());
        if (Files.isRegularFile(bare)) {
            return bare;
        }
        throw new StorageFormatException(METADATA, "lists '" + relative + "', which is not in " + folder);
    }

    private static String storageOf(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".mcap") ? MCAP : name.endsWith(".db3") ? SQLITE3 : null;
    }

    private static String firstLine(String s) {
        String m = String.valueOf(s);
        int cut = m.indexOf('\n');
        return cut >= 0 ? m.substring(0, cut) : m;
    }
}
