package dev.triage.inference;

import java.nio.file.Path;

/**
 * A model could not be made ready to serve: the file is missing, is not TorchScript, is corrupt, or its output does
 * not match the contract in {@code training/CONTRACTS.md}. The message always names the file and what is wrong.
 */
public class ModelLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The model file concerned. */
    private final transient Path file;

    public ModelLoadException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public ModelLoadException(Path file, String problem) {
        this(file, problem, null);
    }

    /** The model file concerned. */
    public Path file() {
        return file;
    }
}
