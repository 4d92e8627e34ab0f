package busmanager.config;

import java.util.List;

/** A start-up configuration problem; the message lists every bad value, one per line. */
public final class ConfigException extends RuntimeException {
    public ConfigException(List<String> problems) {
        super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
    }
}
