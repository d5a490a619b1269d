package io.interlock.scenarios.targets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Named targets ({@code --target-file targets.yaml}), so that a CI job can say {@code --target
 * nas1}:
 *
 * <pre>
 * targets:
 *   nas1:                                  # a server reached by address
 *     smb: smb://alice:secret@nas1.example.org/data
 *     nfs: nfs://nas1.example.org/export/data?mount=20048&amp;nlm=4045
 *     pathMap: ":"                         # SMBDIR:NFSDIR that are the same directory (default: the roots)
 *   serve:                                 # interlock serve --admin, started elsewhere
 *     smb: smb://interlock:interlock@127.0.0.1:4445/share
 *     nfs: nfs://127.0.0.1:2049/share?mount=20048&amp;nlm=4046
 *     admin: 127.0.0.1:9555
 *     adminTokenFile: /run/interlock/admin.token
 *   lab:                                   # one of the built-in kinds
 *     kind: samba+ganesha:kernel-oplocks
 * </pre>
 *
 * @param targets by name
 */
public record TargetFile(Map<String, Entry> targets) {
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public TargetFile {
        targets = targets == null ? Map.of() : Map.copyOf(new TreeMap<>(targets));
    }

    /**
     * One named target: either a built-in {@code kind} (embedded, samba+ganesha, ...,
     * container:samba+ganesha) or an address.
     */
    public record Entry(String kind, String smb, String nfs, String pathMap, String admin, String adminTokenFile) {
        public Entry {
            boolean address = smb != null || nfs != null;
            if (kind != null && address) {
                throw new IllegalArgumentException("a target has a kind or smb/nfs addresses, not both");
            }
            if (kind == null && !address) {
                throw new IllegalArgumentException("a target needs a kind or an smb/nfs address");
            }
        }
    }

    public static TargetFile read(Path file) throws IOException {
        try {
            TargetFile f = YAML.readValue(Files.readString(file), TargetFile.class);
            return f == null ? new TargetFile(null) : f;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String why = e.getOriginalMessage();
            Throwable c = e.getCause();
            if (c instanceof IllegalArgumentException) {
                why = c.getMessage();
            }
            throw new IllegalArgumentException(file + ": " + why, e);
        }
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(targets.get(name));
    }
}
