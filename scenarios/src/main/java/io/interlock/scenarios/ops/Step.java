package io.interlock.scenarios.ops;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a program: an op and how the program runs it. In YAML a step is one map: the common
 * keys below plus the op's own fields (see the op records), e.g. {@code {id: b-write, client: B, op:
 * nfs.write, path: f, data: nfs, async: true}}.
 *
 * @param id unique within the program; joins and checks refer to it
 * @param op the operation
 * @param async the next step may start before this one completes (joined by {@code join} or at the end)
 * @param timeout bound on this step's waits (default: the program's step timeout)
 * @param expectStatus the status this step must fail with, or alternatives {@code A|B}; succeeding,
 *     or failing otherwise, fails the program
 * @param jukebox nfs.*: the least number of NFS3ERR_JUKEBOX answers the client must have retried
 */
public record Step(String id, Op op, boolean async, Duration timeout, String expectStatus, Integer jukebox) {

    private static final java.util.Set<String> COMMON =
            java.util.Set.of("id", "op", "async", "timeout", "expectStatus", "jukebox");

    public Step {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a step needs an id");
        }
        if (op == null) {
            throw new IllegalArgumentException("step " + id + " needs an op");
        }
    }

    /** Decodes one YAML step map. */
    @JsonCreator
    public static Step of(Map<String, Object> fields) {
        Object id = fields.get("id");
        Object name = fields.get("op");
        if (name == null) {
            throw new IllegalArgumentException("step " + id + " needs an op");
        }
        Map<String, Object> own = new LinkedHashMap<>(fields);
        own.keySet().removeAll(COMMON);
        Op op;
        try {
            op = OpRegistry.decode(String.valueOf(name), own);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("step " + id + ": " + e.getMessage(), e);
        }
        Object t = fields.get("timeout");
        Object j = fields.get("jukebox");
        return new Step(
                id == null ? null : String.valueOf(id),
                op,
                Boolean.TRUE.equals(fields.get("async")),
                t == null ? null : Duration.parse(String.valueOf(t)),
                (String) fields.get("expectStatus"),
                j == null ? null : ((Number) j).intValue());
    }

    /** The step as one YAML map, the way {@link #of} reads it. */
    @JsonValue
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        Map<String, Object> own = OpRegistry.encode(op);
        Object client = own.remove("client");
        if (client != null) {
            m.put("client", client);
        }
        m.put("op", OpRegistry.nameOf(op));
        m.putAll(own);
        if (async) {
            m.put("async", true);
        }
        if (timeout != null) {
            m.put("timeout", timeout.toString());
        }
        if (expectStatus != null) {
            m.put("expectStatus", expectStatus);
        }
        if (jukebox != null) {
            m.put("jukebox", jukebox);
        }
        return m;
    }

    public String name() {
        return OpRegistry.nameOf(op);
    }

    public String client() {
        return op.client();
    }

    /** Whether {@code status} is one of the alternatives of {@link #expectStatus()}. */
    public boolean statusMatches(String status) {
        if (expectStatus == null || status == null) {
            return false;
        }
        for (String alt : expectStatus.split("\\|")) {
            if (alt.strip().equalsIgnoreCase(status.strip())) {
                return true;
            }
        }
        return false;
    }
}
