package dev.triage.launch.config;

/** A configuration file is unreadable or invalid. The message names the file, the key and what is allowed. */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
