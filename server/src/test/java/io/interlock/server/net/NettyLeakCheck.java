package io.interlock.server.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails an integration test class when Netty reported a buffer leak ("LEAK:") while it ran. The
 * integration tests run with {@code io.netty.leakDetection.level=paranoid} (parent pom), and this
 * extension is registered for all of them by JUnit's extension autodetection (failsafe only).
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        LeakReports.install();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        // leaks are found when a collected buffer's reference is polled, which happens on allocation
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.onSpinWait();
            ByteBufAllocator.DEFAULT.buffer(8).release();
            ByteBufAllocator.DEFAULT.directBuffer(8).release();
            Unpooled.buffer(8).release();
        }
        List<String> leaks = LeakReports.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported during " + context.getDisplayName()
                    + ":\n" + String.join("\n", leaks));
        }
    }
}
