package io.interlock.scenarios.engine;

import io.interlock.scenarios.ops.Step;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a program in the catalog's YAML format, the way the catalog's files are written (one flow
 * mapping per step), so that a shrunk failure can be committed as a regression test; {@link
 * ScenarioCatalog#parse} reads it back to an equal {@link Scenario}.
 */
public final class ScenarioYaml {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]*");
    private static final java.util.Set<String> RESERVED =
            java.util.Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~");

    private ScenarioYaml() {}

    /** The scenario as catalog YAML, preceded by {@code comment} lines (may be empty). */
    public static String write(Scenario s, List<String> comment) {
        StringBuilder b = new StringBuilder();
        for (String c : comment) {
            b.append("# ").append(c).append('\n');
        }
        b.append("id: ").append(scalar(s.id())).append('\n');
        b.append("title: ").append(scalar(s.title())).append('\n');
        if (!s.requirements().isEmpty()) {
            b.append("requirements: ").append(flow(s.requirements())).append('\n');
        }
        Map<String, Object> server = fields(s.server());
        if (!server.isEmpty()) {
            b.append("server: ").append(flow(server)).append('\n');
        }
        b.append("clients:\n");
        s.clients().forEach((name, spec) -> {
            Map<String, Object> m = fields(spec);
            m.values().removeIf(v -> v instanceof Duration d && d.isZero());
            b.append("  ").append(scalar(name)).append(": ").append(flow(m)).append('\n');
        });
        if (!Scenario.SCRIPT.equals(s.ordering())) {
            b.append("ordering: ").append(s.ordering()).append('\n');
        }
        b.append("stepTimeout: ").append(s.stepTimeout()).append('\n');
        if (!s.detects().isEmpty()) {
            b.append("detects: ").append(flow(s.detects())).append('\n');
        }
        if (s.expectFailure() != null) {
            b.append("expectFailure: ").append(scalar(s.expectFailure())).append('\n');
        }
        if (s.schedule() != null) {
            b.append("schedule: ").append(scalar(s.schedule())).append('\n');
        }
        b.append("steps:\n");
        for (Step st : s.steps()) {
            b.append("  - ").append(flow(st.toMap())).append('\n');
        }
        if (!s.expectations().isEmpty()) {
            b.append("expectations:\n");
            for (Expectation e : s.expectations()) {
                b.append("  - ").append(flow(fields(e))).append('\n');
            }
        }
        return b.toString();
    }

    /** A record's non-null, non-empty components by name. */
    private static Map<String, Object> fields(Record r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            try {
                Object v = c.getAccessor().invoke(r);
                if (v != null && !(v instanceof Collection<?> col && col.isEmpty())) {
                    m.put(c.getName(), v);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c, e);
            }
        }
        return m;
    }

    private static String flow(Object v) {
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, x) -> parts.add(scalar(String.valueOf(k)) + ": " + flow(x)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            c.forEach(x -> parts.add(flow(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return scalar(String.valueOf(v));
    }

    /** A string plain where YAML reads it back as the same string, else double-quoted (JSON escapes). */
    static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x7F) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
