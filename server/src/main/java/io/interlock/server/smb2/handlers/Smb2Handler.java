package io.interlock.server.smb2.handlers;

import io.interlock.server.core.vfs.FsException;
import io.interlock.server.smb2.wire.Smb2ProtocolException;

/** One SMB2 command. Handlers validate, call core, and build the response; they see no Netty. */
@FunctionalInterface
public interface Smb2Handler {
    Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException, FsException;
}
