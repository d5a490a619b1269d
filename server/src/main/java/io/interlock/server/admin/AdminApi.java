package io.interlock.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.interlock.server.app.InterlockServer;
import io.interlock.server.core.lock.BreakStats;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.faults.Fault;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What {@code interlock serve --admin PORT} lets a test harness do to the running server, as
 * requests and JSON answers (no transport here; {@link AdminServer} carries it over HTTP/1.1):
 *
 * <pre>
 * GET    /v1/status                 break timeout, default break policy, faults, shares
 * GET    /v1/faults                 {"enabled": [NAME...], "known": [NAME...]}
 * PUT    /v1/faults/NAME            switch a fault point on          (204)
 * DELETE /v1/faults/NAME            switch it off                    (204)
 * PUT    /v1/break-timeout          {"breakTimeout": "PT1S"}         (204; new breaks only)
 * POST   /v1/shares                 {"name": "s1", "breakPolicy": "notify"} -> 201 {"name", "smbShare", "nfsExport"}
 *                                   (a fresh in-memory share; breakPolicy optional, default: the server's)
 * DELETE /v1/shares/NAME            remove a share                   (204, 404 if none)
 * POST   /v1/shares/NAME/disable    disable a share (stays registered) (204, 404 if none)
 * GET    /v1/breaks                 finished breaks per trigger: {"WRITE": {"count", "timedOut", "totalNanos", "maxNanos"}, ...}
 * GET    /v1/leases                 the lease table: [{"clientGuid", "leaseKey", "file", "state", "epoch", "breaking", "breakTo", "opens"}]
 * </pre>
 *
 * Share changes go through the server's {@code ShareRegistry}, so its change events (and the
 * share-list cache invalidation, R-CACHE-1/2/5) happen before the answer is sent. Lease states are
 * MS-SMB2 bits (R=1, H=2, W=4); client GUIDs are the 16 bytes of the NEGOTIATE as the server keeps
 * them. Traditional oplocks (private keys) are left out of the lease table.
 */
public final class AdminApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.$-]{1,80}");

    private final FaultPoints faults;
    private final LockManager locks;
    private final ShareRegistry shares;
    private final Supplier<VirtualFileSystem> newStore;
    private final BreakPolicy defaultPolicy;

    /**
     * @param newStore makes the store of a share added here (a fresh in-memory one)
     * @param defaultPolicy the break policy of a share added without one
     */
    public AdminApi(
            FaultPoints faults,
            LockManager locks,
            ShareRegistry shares,
            Supplier<VirtualFileSystem> newStore,
            BreakPolicy defaultPolicy) {
        this.faults = faults;
        this.locks = locks;
        this.shares = shares;
        this.newStore = newStore;
        this.defaultPolicy = defaultPolicy;
    }

    /** The admin view of a running server. */
    public static AdminApi of(InterlockServer server) {
        return new AdminApi(
                server.faults(),
                server.locks(),
                server.shares(),
                server::newMemoryStore,
                server.config().breakPolicy());
    }

    /** Answers one request; never throws for a bad request (4xx instead). */
    public AdminResponse handle(String method, String path, String body) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        String[] seg = p.startsWith("/") ? p.substring(1).split("/", -1) : new String[] {""};
        try {
            if (seg.length < 2 || !seg[0].equals("v1")) {
                return AdminResponse.error(404, "no such resource: " + path);
            }
            return switch (seg[1]) {
                case "status" -> only(method, "GET", seg, 2, this::status);
                case "faults" -> faults(method, seg);
                case "break-timeout" -> only(method, "PUT", seg, 2, () -> breakTimeout(body));
                case "shares" -> shares(method, seg, body);
                case "breaks" -> only(method, "GET", seg, 2, this::breaks);
                case "leases" -> only(method, "GET", seg, 2, this::leases);
                default -> AdminResponse.error(404, "no such resource: " + path);
            };
        } catch (IllegalArgumentException e) {
            return AdminResponse.error(400, e.getMessage());
        }
    }

    private interface Action {
        AdminResponse run();
    }

    private static AdminResponse only(String method, String allowed, String[] seg, int length, Action a) {
        if (seg.length != length) {
            return AdminResponse.error(404, "no such resource: /" + String.join("/", seg));
        }
        if (!method.equals(allowed)) {
            return AdminResponse.error(405, method + " not allowed here (use " + allowed + ")");
        }
        return a.run();
    }

    private AdminResponse status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("breakTimeout", locks.config().breakTimeout().toString());
        m.put("breakPolicy", defaultPolicy.name().toLowerCase(Locale.ROOT));
        m.put("faults", enabledFaults());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Share s :
                shares.list().stream().sorted(Comparator.comparing(Share::name)).toList()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("name", s.name());
            sm.put("nfsExport", s.exportPath());
            sm.put("enabled", s.enabled());
            sm.put("breakPolicy", s.breakPolicy().name().toLowerCase(Locale.ROOT));
            list.add(sm);
        }
        m.put("shares", list);
        return ok(m);
    }

    private List<String> enabledFaults() {
        return faults.enabled().stream().map(Enum::name).sorted().toList();
    }

    private AdminResponse faults(String method, String[] seg) {
        if (seg.length == 2) {
            return only(method, "GET", seg, 2, () -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("enabled", enabledFaults());
                m.put("known", List.of(Fault.values()).stream().map(Enum::name).toList());
                return ok(m);
            });
        }
        if (seg.length != 3) {
            return AdminResponse.error(404, "no such resource: /" + String.join("/", seg));
        }
        Fault f = fault(seg[2]);
        return switch (method) {
            case "PUT" -> {
                faults.enable(f);
                yield new AdminResponse(204, "");
            }
            case "DELETE" -> {
                faults.disable(f);
                yield new AdminResponse(204, "");
            }
            default -> AdminResponse.error(405, method + " not allowed here (use PUT or DELETE)");
        };
    }

    private static Fault fault(String name) {
        try {
            return Fault.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown fault point '" + name + "', expected one of " + List.of(Fault.values()));
        }
    }

    private AdminResponse breakTimeout(String body) {
        JsonNode n = parse(body).get("breakTimeout");
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("expected {\"breakTimeout\": \"PT1S\"}");
        }
        Duration d;
        try {
            d = Duration.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("breakTimeout is not an ISO-8601 duration: " + n.asText());
        }
        locks.setBreakTimeout(d);
        return new AdminResponse(204, "");
    }

    private AdminResponse shares(String method, String[] seg, String body) {
        if (seg.length == 2) {
            return only(method, "POST", seg, 2, () -> addShare(body));
        }
        String name = seg[2];
        if (seg.length == 3) {
            return only(
                    method,
                    "DELETE",
                    seg,
                    3,
                    () -> shares.remove(name)
                            ? new AdminResponse(204, "")
                            : AdminResponse.error(404, "no share " + name));
        }
        if (seg.length == 4 && seg[3].equals("disable")) {
            return only(
                    method,
                    "POST",
                    seg,
                    4,
                    () -> shares.setEnabled(name, false)
                            ? new AdminResponse(204, "")
                            : AdminResponse.error(404, "no share " + name));
        }
        return AdminResponse.error(404, "no such resource: /" + String.join("/", seg));
    }

    private AdminResponse addShare(String body) {
        JsonNode req = parse(body);
        String name = req.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("share name must match " + NAME + ", got '" + name + "'");
        }
        BreakPolicy policy = req.hasNonNull("breakPolicy")
                ? BreakPolicy.parse(req.get("breakPolicy").asText())
                : defaultPolicy;
        Share s = new Share(name, newStore.get(), policy, true);
        shares.add(s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("smbShare", s.name());
        m.put("nfsExport", s.exportPath());
        m.put("breakPolicy", policy.name().toLowerCase(Locale.ROOT));
        return new AdminResponse(201, write(m));
    }

    private AdminResponse breaks() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<BreakTrigger, BreakStats> stats = locks.breakStats();
        for (BreakTrigger t : BreakTrigger.values()) {
            BreakStats st = stats.get(t);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("count", st == null ? 0 : st.count());
            c.put("timedOut", st == null ? 0 : st.timedOut());
            c.put("totalNanos", st == null ? 0 : st.totalNanos());
            c.put("maxNanos", st == null ? 0 : st.maxNanos());
            m.put(t.name(), c);
        }
        return ok(m);
    }

    private AdminResponse leases() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LockManager.LeaseView v : locks.leases()) {
            if (v.key().isOplock()) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("clientGuid", v.key().clientGuid().toString());
            m.put("leaseKey", v.key().key().toString());
            m.put("file", v.file().value());
            m.put("state", v.state());
            m.put("epoch", v.epoch());
            m.put("breaking", v.breaking());
            m.put("breakTo", v.breakTo());
            m.put("opens", v.opens());
            out.add(m);
        }
        return ok(out);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode n = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage());
        }
    }

    private static AdminResponse ok(Object value) {
        return new AdminResponse(200, write(value));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String quote(String s) {
        return write(s == null ? "" : s);
    }
}
