package io.interlock.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Why a catalog requirement may stay uncovered ({@code coverage-notes.txt} beside this class): the
 * reports show the note where no result of the run cites the requirement.
 */
public final class CoverageNotes {
    private static final String RESOURCE = "coverage-notes.txt";
    private final Map<String, String> notes;

    private CoverageNotes(Map<String, String> notes) {
        this.notes = Map.copyOf(notes);
    }

    /** The notes shipped with the reports module. */
    public static CoverageNotes bundled() {
        return Bundled.NOTES;
    }

    private static final class Bundled {
        static final CoverageNotes NOTES = load();

        private static CoverageNotes load() {
            try (InputStream in = CoverageNotes.class.getResourceAsStream(RESOURCE)) {
                return in == null
                        ? new CoverageNotes(Map.of())
                        : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** "ID reason" lines; blank lines and lines starting with # are skipped. */
    public static CoverageNotes parse(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.split("\\s+", 2);
            if (p.length == 2) {
                m.put(p[0], p[1]);
            }
        }
        return new CoverageNotes(m);
    }

    public Optional<String> note(String id) {
        return Optional.ofNullable(notes.get(id));
    }
}
