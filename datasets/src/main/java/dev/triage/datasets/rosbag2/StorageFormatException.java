package dev.triage.datasets.rosbag2;

/** A storage file is truncated, corrupt or not what its name says; {@link #where()} says where it broke. */
public final class StorageFormatException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String where;

    /**
     * @param where   the place that broke: {@code byte 1234}, {@code message id 7}, {@code table 'topics'}
     * @param message what is wrong there
     */
    public StorageFormatException(String where, String message) {
        super(message);
        this.where = where;
    }

    /** The place that broke. */
    public String where() {
        return where;
    }
}
