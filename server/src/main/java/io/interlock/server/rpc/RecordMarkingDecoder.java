package io.interlock.server.rpc;

import io.interlock.server.net.ConnectionGuard;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RPC record marking over TCP (RFC 5531 §11): each fragment starts with a 4-byte header whose top
 * bit marks the last fragment of a record and whose low 31 bits give its length. Fragments are
 * reassembled into one {@code byte[]} per record in linear time: the buffer grows by doubling, so
 * a record costs at most twice its size in copies however it is fragmented.
 *
 * <p>A record is refused, and the connection closed before anything of that size is buffered (no
 * xid is known to answer to), when it would exceed the cap, or when it has more than {@code
 * maxFragments} fragments. The cap is {@code preLoginMaxRecord} until the connection's {@link
 * ConnectionGuard} says a call was accepted, then {@code maxRecord}: clients that have not yet made
 * a call cannot pin more than the smaller cap.
 */
public final class RecordMarkingDecoder extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(RecordMarkingDecoder.class);

    /** Fragments per record: real clients send one; a few per record is already unusual. */
    public static final int DEFAULT_MAX_FRAGMENTS = 1024;

    private final int maxRecord;
    private final int preLoginMaxRecord;
    private final int maxFragments;
    private byte[] record = new byte[0];
    private int recordLength;
    private int fragments;
    private boolean failed;

    /** A decoder with one cap and the default fragment limit. */
    public RecordMarkingDecoder(int maxRecord) {
        this(maxRecord, maxRecord, DEFAULT_MAX_FRAGMENTS);
    }

    /**
     * @param maxRecord largest record once a call was accepted on the connection
     * @param preLoginMaxRecord largest record before that (at most {@code maxRecord})
     * @param maxFragments most fragments in one record
     */
    public RecordMarkingDecoder(int maxRecord, int preLoginMaxRecord, int maxFragments) {
        this.maxRecord = maxRecord;
        this.preLoginMaxRecord = Math.min(preLoginMaxRecord, maxRecord);
        this.maxFragments = maxFragments;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        ConnectionGuard guard = ConnectionGuard.of(ctx.channel());
        int cap = guard == null || guard.isLoggedIn() ? maxRecord : preLoginMaxRecord;
        while (in.readableBytes() >= 4) {
            int header = in.getInt(in.readerIndex());
            long length = header & 0x7FFFFFFFL;
            boolean last = header < 0;
            if (recordLength + length > cap) {
                refuse(
                        ctx,
                        in,
                        guard,
                        "RPC record of " + (recordLength + length) + "+ bytes exceeds the " + cap + "-byte cap"
                                + (cap < maxRecord ? " before a first call" : ""));
                return;
            }
            if (fragments + 1 > maxFragments) {
                refuse(ctx, in, guard, "RPC record of more than " + maxFragments + " fragments");
                return;
            }
            if (in.readableBytes() < 4 + length) {
                break; // wait for the rest of this fragment
            }
            in.skipBytes(4);
            int len = (int) length;
            int need = recordLength + len;
            if (need > record.length) {
                // doubling keeps reassembly linear in the record size (issue 10, defect 1)
                int grown = (int) Math.min(cap, Math.max(need, 2L * record.length));
                record = Arrays.copyOf(record, grown);
            }
            in.readBytes(record, recordLength, len);
            recordLength = need;
            fragments++;
            if (last) {
                out.add(record.length == recordLength ? record : Arrays.copyOf(record, recordLength));
                record = new byte[0];
                recordLength = 0;
                fragments = 0;
            }
        }
        if (guard != null) {
            guard.partial(recordLength > 0 || in.isReadable());
        }
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf in, ConnectionGuard guard, String reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        record = new byte[0];
        if (guard != null) {
            guard.close(reason);
        } else {
            log.warn("closing {}: {}", ctx.channel().remoteAddress(), reason);
            ctx.close();
        }
    }
}
