package io.interlock.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShareRegistryTest {
    private final ShareRegistry registry = new ShareRegistry();
    private final List<ShareChange> seen = new ArrayList<>();

    private static Share share(String name) {
        return new Share(name, new MemoryFileSystem(Clock.systemUTC()), BreakPolicy.WAIT, true);
    }

    @Test
    void add_eventDeliveredBeforeReturnAndAfterChange() {
        Share s = share("Data");
        // the listener sees the registry already changed (R-CACHE-1)
        List<Boolean> presentWhenNotified = new ArrayList<>();
        registry.subscribe(
                c -> presentWhenNotified.add(registry.get(c.share().name()).isPresent()));
        registry.subscribe(seen::add);
        registry.add(s);
        assertThat(seen).containsExactly(new ShareChange(ShareChange.Kind.ADDED, s));
        assertThat(presentWhenNotified).containsExactly(true);
    }

    @Test
    void remove_eventDeliveredBeforeReturn() {
        Share s = share("data");
        registry.add(s);
        registry.subscribe(seen::add);
        assertThat(registry.remove("DATA")).isTrue();
        assertThat(seen).containsExactly(new ShareChange(ShareChange.Kind.REMOVED, s));
        assertThat(registry.get("data")).isEmpty();
        assertThat(registry.remove("data")).isFalse();
        assertThat(seen).hasSize(1);
    }

    @Test
    void setEnabled_eventsAndState() {
        registry.add(share("data"));
        registry.subscribe(seen::add);
        assertThat(registry.setEnabled("data", false)).isTrue();
        assertThat(registry.get("data").orElseThrow().enabled()).isFalse();
        assertThat(registry.setEnabled("data", true)).isTrue();
        assertThat(seen)
                .extracting(ShareChange::kind)
                .containsExactly(ShareChange.Kind.DISABLED, ShareChange.Kind.ENABLED);
        assertThat(seen.get(0).share().enabled()).isFalse();
        assertThat(registry.setEnabled("missing", true)).isFalse();
        assertThat(seen).hasSize(2);
    }

    @Test
    void get_caseInsensitive() {
        Share s = share("Data");
        registry.add(s);
        assertThat(registry.get("data")).contains(s);
        assertThat(registry.get("DATA")).contains(s);
        assertThat(registry.byExportPath("/dAtA/")).contains(s);
        assertThat(registry.byExportPath("data")).isEmpty();
    }

    @Test
    void add_duplicateNameAnyCase_rejectedWithoutEvent() {
        registry.add(share("data"));
        registry.subscribe(seen::add);
        assertThatThrownBy(() -> registry.add(share("DATA"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(seen).isEmpty();
    }

    @Test
    void unsubscribe_stopsEventsAndCount() throws Exception {
        AutoCloseable sub = registry.subscribe(seen::add);
        assertThat(registry.subscriberCount()).isEqualTo(1);
        sub.close();
        assertThat(registry.subscriberCount()).isZero();
        registry.add(share("data"));
        assertThat(seen).isEmpty();
    }

    @Test
    void subscribe_sameListenerTwice_eachHandleRemovesOne() throws Exception {
        java.util.function.Consumer<ShareChange> l = seen::add;
        AutoCloseable a = registry.subscribe(l);
        registry.subscribe(l);
        a.close();
        registry.add(share("data"));
        assertThat(seen).hasSize(1);
    }

    @Test
    void failingListener_othersStillNotified() {
        registry.subscribe(c -> {
            throw new IllegalStateException("boom");
        });
        registry.subscribe(seen::add);
        registry.add(share("data"));
        assertThat(seen).hasSize(1);
    }

    @Test
    void list_snapshot() {
        registry.add(share("a"));
        registry.add(share("b"));
        List<Share> l = registry.list();
        registry.remove("a");
        assertThat(l).extracting(Share::name).containsExactlyInAnyOrder("a", "b");
        assertThat(registry.list()).extracting(Share::name).containsExactly("b");
    }

    @Test
    void nonBlocking_onlyWhileEveryShareIsInMemory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        registry.add(share("mem"));
        assertThat(registry.nonBlocking()).isTrue();
        registry.add(new Share(
                "disk",
                new io.interlock.server.core.vfs.local.LocalFileSystem(dir, Clock.systemUTC()),
                BreakPolicy.WAIT,
                true));
        assertThat(registry.nonBlocking()).isFalse();
        registry.remove("disk");
        assertThat(registry.nonBlocking()).isTrue();
    }
}
