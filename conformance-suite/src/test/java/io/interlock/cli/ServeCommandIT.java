package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code interlock serve} as a real process: the ready line names live listeners. */
class ServeCommandIT {
    @Test
    void serve_ephemeralPorts_printsOneReadyLineNamingLiveListeners() throws Exception {
        try (ServeProcess serve = ServeProcess.start()) {
            String line = serve.firstLine();
            assertThat(line).startsWith("interlock ready ");
            Map<String, InetSocketAddress> eps = serve.endpoints();
            assertThat(eps).containsKeys("smb", "nfs", "mount", "portmap", "nlm");
            for (var e : eps.entrySet()) {
                try (Socket s = new Socket()) {
                    s.connect(e.getValue(), 5000);
                    assertThat(s.isConnected()).as(e.getKey()).isTrue();
                }
            }
        }
    }
}
