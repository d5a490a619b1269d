/**
 * Protocol-neutral buffer ownership between the transports (Netty, in {@code net}, {@code rpc},
 * {@code smb2}) and the handlers: bulk file data moves between the store and a transport's own
 * memory without intermediate arrays.
 */
package io.interlock.server.core.io;
