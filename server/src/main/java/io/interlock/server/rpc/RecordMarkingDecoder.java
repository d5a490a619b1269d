package io.interlock.server.rpc;

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
 * reassembled into one {@code byte[]} per record. A record above {@code maxRecord} bytes closes
 * the connection before anything of that size is allocated (no xid is known to answer to).
 */
public final class RecordMarkingDecoder extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(RecordMarkingDecoder.class);

    private final int maxRecord;
    private byte[] record = new byte[0];
    private int recordLength;
    private boolean failed;

    public RecordMarkingDecoder(int maxRecord) {
        this.maxRecord = maxRecord;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= 4) {
            int header = in.getInt(in.readerIndex());
            long length = header & 0x7FFFFFFFL;
            boolean last = header < 0;
            if (recordLength + length > maxRecord) {
                log.warn(
                        "closing {}: RPC record of {}+ bytes exceeds the {}-byte cap",
                        ctx.channel().remoteAddress(),
                        recordLength + length,
                        maxRecord);
                failed = true;
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (in.readableBytes() < 4 + length) {
                return; // wait for the rest of this fragment
            }
            in.skipBytes(4);
            int len = (int) length;
            if (recordLength + len > record.length) {
                record = Arrays.copyOf(record, recordLength + len);
            }
            in.readBytes(record, recordLength, len);
            recordLength += len;
            if (last) {
                out.add(record.length == recordLength ? record : Arrays.copyOf(record, recordLength));
                record = new byte[0];
                recordLength = 0;
            }
        }
    }
}
