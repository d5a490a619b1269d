/**
 * NFSv3 (RFC 1813 §2-§3) and MOUNT v3 (RFC 1813 §5) messages as the engine's own NFS client
 * encodes and decodes them: one immutable record per message or XDR type, each citing its section.
 * Written for the client and kept apart from the server's codec, so a codec bug cannot hide by being
 * on both sides of the wire. Unsigned 32-bit fields are held in {@code long}s (masked); statuses are
 * the raw nfsstat3 / mountstat3 numbers, so an unknown value still decodes.
 */
package io.interlock.scenarios.clients.nfs.wire;
