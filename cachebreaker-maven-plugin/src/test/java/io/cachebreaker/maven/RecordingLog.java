package io.cachebreaker.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** A log that keeps what it is told, by level, so tests can check what the build told the user. */
final class RecordingLog extends SystemStreamLog {
    final List<String> debug = new ArrayList<>();
    final List<String> info = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    @Override
    public void debug(CharSequence content) {
        debug.add(content.toString());
    }

    @Override
    public void info(CharSequence content) {
        info.add(content.toString());
    }

    @Override
    public void warn(CharSequence content) {
        warnings.add(content.toString());
        super.warn(content);
    }
}
