package io.interlock.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A baseline as YAML:
 *
 * <pre>
 * target: samba+ganesha
 * known:
 *   - scenario: xp-write-breaks-lease
 *     property: break
 *     requirement: R-XP-1
 *     reason: ganesha writes without asking Samba to break the lease (no shared lease table)
 *     link: https://...
 * </pre>
 *
 * Unknown keys are rejected, so that a misspelt {@code scenario:} does not silently widen an entry.
 */
public final class BaselineFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private BaselineFile() {}

    /** The file name of a target's baseline: {@code samba+ganesha:kernel-oplocks} -> {@code samba+ganesha.kernel-oplocks.yaml}. */
    public static String fileName(String target) {
        return target.replace(':', '.').replace('/', '_') + ".yaml";
    }

    public static Baseline parse(String yaml, String origin) {
        try {
            Baseline b = YAML.readValue(yaml, Baseline.class);
            if (b == null) {
                throw new IllegalArgumentException("baseline " + origin + " is empty");
            }
            return b;
        } catch (IOException e) {
            String why = e.getMessage() == null
                    ? e.toString()
                    : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("invalid baseline " + origin + ": " + why, e);
        }
    }

    public static Baseline read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    /** The baseline as YAML, after a comment that says how it was made. */
    public static String render(Baseline b, String headerComment) {
        StringBuilder out = new StringBuilder();
        if (headerComment != null) {
            for (String line : headerComment.split("\n", -1)) {
                out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
            }
        }
        try {
            out.append(YAML.writeValueAsString(b));
        } catch (IOException e) {
            throw new IllegalStateException("cannot render a baseline", e);
        }
        return out.toString();
    }
}
