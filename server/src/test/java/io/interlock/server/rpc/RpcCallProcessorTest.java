package io.interlock.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The dispatcher's RPC-level answers (RFC 5531 §9) and out-of-order completion. */
class RpcCallProcessorTest {
    private final CompletableFuture<XdrEncodable> slow = new CompletableFuture<>();

    private final RpcProgram program = new RpcProgram() {
        @Override
        public RpcProgramId id() {
            return new RpcProgramId(300000, 2, 4);
        }

        @Override
        public RpcProcedure procedure(int version, int procedure) {
            return switch (procedure) {
                case 0 -> req -> CompletableFuture.completedFuture(XdrEncodable.VOID);
                case 1 ->
                    req -> {
                        int v = req.args().readInt();
                        return CompletableFuture.completedFuture(w -> w.writeInt(v + 1));
                    };
                case 2 -> req -> slow;
                case 3 -> req -> CompletableFuture.failedFuture(new IllegalStateException("boom"));
                case 4 ->
                    req -> {
                        throw new OutOfMemoryError("Java heap space (test)");
                    };
                default -> null;
            };
        }

        @Override
        public boolean requiresAuthSys(int procedure) {
            return true;
        }
    };

    private final RpcCallProcessor processor = new RpcCallProcessor(List.of(program));
    private final List<RpcReplyView> replies = new CopyOnWriteArrayList<>();
    private static final RpcCredential SYS = new RpcCredential.Sys(0, "t", 0, 0, List.of());

    private void send(int xid, int vers, int proc, RpcCredential cred, XdrEncodable args) {
        byte[] msg = RpcClient.encodeCall(xid, 300000, vers, proc, cred, args);
        processor.process(
                RpcInbound.decode(msg, null),
                new InetSocketAddress(1),
                Runnable::run,
                r -> replies.add(RpcReplyView.decode(r.message())));
    }

    @Test
    void answers_perRfc5531() {
        send(1, 3, 1, SYS, w -> w.writeInt(41));
        send(2, 9, 0, SYS, w -> {});
        send(3, 3, 77, SYS, w -> {});
        send(4, 3, 1, SYS, w -> {}); // proc 1 needs an int: truncated
        send(5, 3, 3, SYS, w -> {});
        send(6, 3, 1, RpcCredential.None.INSTANCE, w -> w.writeInt(1));
        send(7, 3, 0, RpcCredential.None.INSTANCE, w -> {});
        assertThat(replies).hasSize(7);
        assertThat(replies.get(0).results().readInt()).isEqualTo(42);
        assertThat(replies.get(1).acceptStat()).isEqualTo(Rpc.PROG_MISMATCH);
        assertThat(replies.get(1).low()).isEqualTo(2);
        assertThat(replies.get(1).high()).isEqualTo(4);
        assertThat(replies.get(2).acceptStat()).isEqualTo(Rpc.PROC_UNAVAIL);
        assertThat(replies.get(3).acceptStat()).isEqualTo(Rpc.GARBAGE_ARGS);
        assertThat(replies.get(4).acceptStat()).isEqualTo(Rpc.SYSTEM_ERR);
        assertThat(replies.get(5).authStat()).isEqualTo(Rpc.AUTH_TOOWEAK);
        assertThat(replies.get(6).success()).as("NULL accepts AUTH_NONE").isTrue();
    }

    @Test
    void unknownFlavor_isRejectedCred_andUnknownProgram_isProgUnavail() {
        XdrWriter w = new XdrWriter();
        w.writeInt(9)
                .writeInt(Rpc.CALL)
                .writeInt(2)
                .writeInt(300000)
                .writeInt(3)
                .writeInt(0);
        w.writeInt(99).writeInt(0).writeInt(0).writeInt(0);
        processor.process(
                RpcInbound.decode(w.toByteArray(), null),
                null,
                Runnable::run,
                r -> replies.add(RpcReplyView.decode(r.message())));
        byte[] other = RpcClient.encodeCall(10, 123, 1, 0, SYS, x -> {});
        processor.process(
                RpcInbound.decode(other, null),
                null,
                Runnable::run,
                r -> replies.add(RpcReplyView.decode(r.message())));
        assertThat(replies.get(0).authStat()).isEqualTo(Rpc.AUTH_REJECTEDCRED);
        assertThat(replies.get(1).acceptStat()).isEqualTo(Rpc.PROG_UNAVAIL);
    }

    @Test
    void replies_mayCompleteOutOfOrder() {
        send(100, 3, 2, SYS, w -> {});
        send(101, 3, 0, SYS, w -> {});
        assertThat(replies).extracting(RpcReplyView::xid).containsExactly(101);
        slow.complete(w -> w.writeInt(5));
        assertThat(replies).extracting(RpcReplyView::xid).containsExactly(101, 100);
    }

    @Test
    void replyRecord_isDropped_andShortRecord_isDropped() {
        byte[] reply = RpcReply.accepted(5, Rpc.SUCCESS).message();
        assertThat(processor.process(
                        RpcInbound.decode(reply, null),
                        null,
                        Runnable::run,
                        r -> replies.add(RpcReplyView.decode(r.message()))))
                .isFalse();
        assertThat(processor.process(
                        RpcInbound.decode(new byte[3], null),
                        null,
                        Runnable::run,
                        r -> replies.add(RpcReplyView.decode(r.message()))))
                .isFalse();
        assertThat(replies).isEmpty();
    }

    @Test
    void procedureThrowsOutOfMemoryError_isAnsweredSystemErr_andLaterCallsServed() {
        List<Throwable> escaped = new CopyOnWriteArrayList<>();
        java.util.concurrent.Executor lane = r -> {
            try {
                r.run();
            } catch (Throwable t) { // what a pool thread would die of, kept here so JUnit survives it
                escaped.add(t);
            }
        };
        for (int[] call : new int[][] {{10, 4}, {11, 1}}) {
            byte[] msg = RpcClient.encodeCall(call[0], 300000, 3, call[1], SYS, w -> w.writeInt(1));
            processor.process(
                    RpcInbound.decode(msg, null),
                    new InetSocketAddress(1),
                    lane,
                    r -> replies.add(RpcReplyView.decode(r.message())));
        }
        assertThat(escaped).as("errors that escaped the processor").isEmpty();
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).acceptStat()).isEqualTo(Rpc.SYSTEM_ERR);
        assertThat(replies.get(1).results().readInt()).isEqualTo(2);
    }
}
