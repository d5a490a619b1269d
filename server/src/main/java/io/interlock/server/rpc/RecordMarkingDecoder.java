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
    /** Whether a fragment's header was read and {@code fragmentLeft} of its bytes are still due. */
    private boolean inFragment;

    private int fragmentLeft;
    private boolean lastFragment;
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

    /**
     * Copies each fragment's bytes into the record array as they arrive (the array sized for the
     * fragment when its header is read), so that Netty's cumulation buffer never holds a whole
     * 1 MiB WRITE: growing it allocated fresh, zeroed, unpooled direct memory per record.
     */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        ConnectionGuard guard = ConnectionGuard.of(ctx.channel());
        int cap = guard == null || guard.isLoggedIn() ? maxRecord : preLoginMaxRecord;
        while (true) {
            if (inFragment) {
                int n = Math.min(in.readableBytes(), fragmentLeft);
                in.readBytes(record, recordLength, n);
                recordLength += n;
                fragmentLeft -= n;
                if (fragmentLeft > 0) {
                    break; // wait for the rest of this fragment
                }
                inFragment = false;
                fragments++;
                if (lastFragment) {
                    out.add(record.length == recordLength ? record : Arrays.copyOf(record, recordLength));
                    record = new byte[0];
                    recordLength = 0;
                    fragments = 0;
                }
                continue;
            }
            if (in.readableBytes() < 4) {
                break;
            }
            int header = in.getInt(in.readerIndex());
            long length = header & 0x7FFFFFFFL;
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
            in.skipBytes(4);
            int need = recordLength + (int) length;
            if (need > record.length) {
                // doubling keeps reassembly linear in the record size (issue 10, defect 1); a
                // one-fragment record gets an array of exactly its size
                int grown = (int) Math.min(cap, Math.max(need, 2L * record.length));
                record = Arrays.copyOf(record, grown);
            }
            inFragment = true;
            fragmentLeft = (int) length;
            lastFragment = header < 0;
        }
        if (guard != null) {
            guard.partial(recordLength > 0 || inFragment || in.isReadable());
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
