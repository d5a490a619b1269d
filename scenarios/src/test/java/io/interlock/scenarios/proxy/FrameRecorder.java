package io.interlock.scenarios.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every frame a proxy delivers, and checks that no connection's frame order changed. */
final class FrameRecorder implements FrameListener {
    final List<Frame> arrived = new CopyOnWriteArrayList<>();
    final List<Frame> delivered = new CopyOnWriteArrayList<>();

    @Override
    public void arrived(Frame frame) {
        arrived.add(frame);
    }

    @Override
    public void delivered(Frame frame) {
        delivered.add(frame);
    }

    /**
     * Within each connection and direction, frames were delivered in arrival order, none skipped:
     * the delivered sequence of a pipe is a prefix of its arrived sequence.
     */
    void assertOrderKeptPerConnection() {
        Map<String, List<Long>> in = byPipe(arrived);
        Map<String, List<Long>> out = byPipe(delivered);
        for (Map.Entry<String, List<Long>> e : out.entrySet()) {
            List<Long> a = in.get(e.getKey());
            assertThat(a.subList(0, e.getValue().size()))
                    .as("delivery order of " + e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    private static Map<String, List<Long>> byPipe(List<Frame> frames) {
        Map<String, List<Long>> m = new HashMap<>();
        for (Frame f : frames) {
            m.computeIfAbsent(f.connection().id() + " " + f.direction(), k -> new ArrayList<>())
                    .add(f.seq());
        }
        return m;
    }
}
