package io.interlock.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The index of the spec catalogs' requirement IDs with one-line titles, grouped by ID prefix (SMB,
 * XP, NFS, NLM, CACHE, ...). The bundled index ({@code requirements.txt} beside this class) lets the
 * reports list the requirements no scenario covers.
 */
public final class RequirementCatalog {
    /** Group of IDs that carry no {@code R-PREFIX-n} shape. */
    public static final String OTHER = "OTHER";

    private static final Pattern ID = Pattern.compile("R-([A-Z][A-Z0-9]*)-(\\d+)");
    private static final String RESOURCE = "requirements.txt";

    /** Requirement IDs in catalog order: by prefix, then by number (R-XP-2 before R-XP-10). */
    public static final Comparator<String> ID_ORDER = Comparator.comparing(RequirementCatalog::groupOf)
            .thenComparingLong(RequirementCatalog::numberOf)
            .thenComparing(Comparator.naturalOrder());

    /** A group of requirements sharing an ID prefix. */
    public record Group(String name, String title) {}

    /** One catalog entry. */
    public record Requirement(String id, String group, String title) {}

    private final List<Group> groups;
    private final Map<String, Requirement> byId;

    private RequirementCatalog(List<Group> groups, Map<String, Requirement> byId) {
        this.groups = List.copyOf(groups);
        this.byId = byId;
    }

    /** A catalog that knows no requirement: the matrix then lists cited IDs only. */
    public static RequirementCatalog empty() {
        return new RequirementCatalog(List.of(), Map.of());
    }

    /** The index shipped with the reports module. */
    public static RequirementCatalog bundled() {
        return Bundled.CATALOG;
    }

    private static final class Bundled {
        static final RequirementCatalog CATALOG = load();

        private static RequirementCatalog load() {
            try (InputStream in = RequirementCatalog.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " missing from the reports jar");
                }
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Parses the index format: {@code group NAME title} starts a group; other non-blank lines not
     * starting with {@code #} are {@code ID title}, and the ID's prefix must name a declared group.
     *
     * @throws IllegalArgumentException on a malformed line, an undeclared group or a duplicate ID
     */
    public static RequirementCatalog parse(String text) {
        List<Group> groups = new ArrayList<>();
        Map<String, Requirement> byId = new LinkedHashMap<>();
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            if (parts[0].equals("group")) {
                if (parts.length < 3) {
                    throw new IllegalArgumentException("line " + lineNo + ": expected 'group NAME title'");
                }
                groups.add(new Group(parts[1], parts[2]));
                continue;
            }
            parts = line.split("\\s+", 2);
            if (!ID.matcher(parts[0]).matches() || parts.length < 2) {
                throw new IllegalArgumentException("line " + lineNo + ": expected 'R-PREFIX-n title', got: " + line);
            }
            String group = groupOf(parts[0]);
            if (groups.stream().noneMatch(g -> g.name().equals(group))) {
                throw new IllegalArgumentException("line " + lineNo + ": group " + group + " is not declared");
            }
            if (byId.put(parts[0], new Requirement(parts[0], group, parts[1])) != null) {
                throw new IllegalArgumentException("line " + lineNo + ": duplicate " + parts[0]);
            }
        }
        return new RequirementCatalog(groups, byId);
    }

    /** The ID's prefix: {@code R-XP-7} → {@code XP}; {@link #OTHER} for anything else. */
    public static String groupOf(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? m.group(1) : OTHER;
    }

    private static long numberOf(String id) {
        Matcher m = ID.matcher(id);
        return m.matches() ? Long.parseLong(m.group(2)) : Long.MAX_VALUE;
    }

    /** Groups in catalog order. */
    public List<Group> groups() {
        return groups;
    }

    /** Every requirement, in catalog order. */
    public List<Requirement> requirements() {
        return List.copyOf(byId.values());
    }

    public Optional<Requirement> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return byId.size();
    }
}
