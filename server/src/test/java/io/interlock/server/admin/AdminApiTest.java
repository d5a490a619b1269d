package io.interlock.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.interlock.server.core.lock.BreakOrigin;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.lock.LeaseRequest;
import io.interlock.server.core.lock.LeaseState;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.faults.Fault;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.ShareRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AdminApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VirtualServerClock clock = new VirtualServerClock();
    private final FaultPoints faults = new FaultPoints();
    private final LockManager locks = new LockManager(clock, new LockManagerConfig(Duration.ofSeconds(35)), faults);
    private final ShareRegistry shares = new ShareRegistry();
    private final AtomicInteger volumes = new AtomicInteger();
    private final AdminApi api = new AdminApi(
            faults,
            locks,
            shares,
            () -> new MemoryFileSystem(clock.asJavaClock(), volumes.incrementAndGet()),
            BreakPolicy.WAIT);

    private static JsonNode json(AdminResponse r) throws Exception {
        return JSON.readTree(r.json());
    }

    @Test
    void faults_putAndDelete_switchTheFaultPoint() throws Exception {
        assertThat(api.handle("PUT", "/v1/faults/skip-nfs-break", "").status()).isEqualTo(204);
        assertThat(faults.on(Fault.SKIP_NFS_BREAK)).isTrue();
        assertThat(json(api.handle("GET", "/v1/faults", "")).get("enabled").toString())
                .isEqualTo("[\"SKIP_NFS_BREAK\"]");
        assertThat(api.handle("DELETE", "/v1/faults/SKIP_NFS_BREAK", "").status())
                .isEqualTo(204);
        assertThat(faults.on(Fault.SKIP_NFS_BREAK)).isFalse();
    }

    @Test
    void faults_unknownName_badRequestListingTheNames() throws Exception {
        AdminResponse r = api.handle("PUT", "/v1/faults/NOPE", "");
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).contains("NOPE").contains("SKIP_NFS_BREAK");
    }

    @Test
    void shares_addWithPolicy_registeredEnabledAndExported() throws Exception {
        AdminResponse r = api.handle("POST", "/v1/shares", "{\"name\":\"sc1\",\"breakPolicy\":\"notify\"}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(json(r).get("nfsExport").asText()).isEqualTo("/sc1");
        assertThat(shares.get("sc1").orElseThrow().breakPolicy()).isEqualTo(BreakPolicy.NOTIFY);
        assertThat(shares.get("sc1").orElseThrow().enabled()).isTrue();
        assertThat(api.handle("POST", "/v1/shares", "{\"name\":\"sc2\"}").status())
                .isEqualTo(201);
        assertThat(shares.get("sc2").orElseThrow().breakPolicy()).isEqualTo(BreakPolicy.WAIT);
    }

    @Test
    void shares_disableAndRemove_thenGone() {
        api.handle("POST", "/v1/shares", "{\"name\":\"x\"}");
        assertThat(api.handle("POST", "/v1/shares/x/disable", "").status()).isEqualTo(204);
        assertThat(shares.get("x").orElseThrow().enabled()).isFalse();
        assertThat(api.handle("DELETE", "/v1/shares/x", "").status()).isEqualTo(204);
        assertThat(shares.get("x")).isEmpty();
        assertThat(api.handle("DELETE", "/v1/shares/x", "").status()).isEqualTo(404);
        assertThat(api.handle("POST", "/v1/shares/x/disable", "").status()).isEqualTo(404);
    }

    @Test
    void shares_badNameOrDuplicate_badRequest() {
        assertThat(api.handle("POST", "/v1/shares", "{\"name\":\"../x\"}").status())
                .isEqualTo(400);
        assertThat(api.handle("POST", "/v1/shares", "not json").status()).isEqualTo(400);
        api.handle("POST", "/v1/shares", "{\"name\":\"d\"}");
        assertThat(api.handle("POST", "/v1/shares", "{\"name\":\"d\"}").status())
                .isEqualTo(400);
    }

    @Test
    void breakTimeout_put_appliesToTheLockManager() throws Exception {
        assertThat(api.handle("PUT", "/v1/break-timeout", "{\"breakTimeout\":\"PT1S\"}")
                        .status())
                .isEqualTo(204);
        assertThat(locks.config().breakTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(json(api.handle("GET", "/v1/status", "")).get("breakTimeout").asText())
                .isEqualTo("PT1S");
        assertThat(api.handle("PUT", "/v1/break-timeout", "{\"breakTimeout\":\"PT0S\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.handle("PUT", "/v1/break-timeout", "{\"breakTimeout\":\"1s\"}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void breaksAndLeases_afterAnAcknowledgedWriteBreak_countedAndListed() throws Exception {
        MemoryFileSystem fs = new MemoryFileSystem(clock.asJavaClock(), 99);
        FileId f = fs.createFile(fs.root(), "f", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        LeaseKey key = new LeaseKey(UUID.randomUUID(), UUID.randomUUID());
        List<Object> notices = new ArrayList<>();
        locks.requestLease(new LeaseRequest(f, key, LeaseState.RWH, 2, 0, false, notices::add));
        JsonNode table = json(api.handle("GET", "/v1/leases", ""));
        assertThat(table).hasSize(1);
        assertThat(table.get(0).get("leaseKey").asText()).isEqualTo(key.key().toString());
        assertThat(table.get(0).get("state").asInt()).isEqualTo(LeaseState.RWH);

        var pending = locks.breakFor(f, BreakTrigger.WRITE, BreakOrigin.nfs());
        assertThat(json(api.handle("GET", "/v1/leases", ""))
                        .get(0)
                        .get("breaking")
                        .asBoolean())
                .isTrue();
        locks.acknowledge(key, LeaseState.NONE);
        pending.join();
        JsonNode breaks = json(api.handle("GET", "/v1/breaks", ""));
        assertThat(breaks.get("WRITE").get("count").asLong()).isEqualTo(1);
        assertThat(breaks.get("WRITE").get("timedOut").asLong()).isZero();
        assertThat(breaks.get("READ").get("count").asLong()).isZero();
    }

    @Test
    void handle_unknownPathOrMethod_notFoundOrNotAllowed() {
        assertThat(api.handle("GET", "/v2/status", "").status()).isEqualTo(404);
        assertThat(api.handle("GET", "/v1/nothing", "").status()).isEqualTo(404);
        assertThat(api.handle("DELETE", "/v1/status", "").status()).isEqualTo(405);
        assertThat(api.handle("GET", "/v1/shares/x/disable", "").status()).isEqualTo(405);
    }
}
