package io.interlock.scenarios.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One client connection through a {@link WireProxy} route and the upstream connection the proxy
 * opened for it. Ids are sequential per proxy, from 1, in accept order.
 *
 * <p>Addresses: {@link #clientAddress()} is the client's own local address (what the client's
 * socket reports as local, e.g. what engine clients key their {@code ClientActivity} reports by);
 * {@link #upstreamLocalAddress()} is what the server sees as its peer.
 */
public final class Connection {
    private final WireProxy proxy;
    private final int id;
    private final String route;
    private final WireProtocol protocol;
    private final InetSocketAddress clientAddress;
    private final InetSocketAddress frontAddress;
    private final InetSocketAddress upstreamLocalAddress;
    private final InetSocketAddress upstreamAddress;
    final Socket client;
    final Socket upstream;
    final Pipe toServer;
    final Pipe toClient;

    // guarded by the proxy lock
    ProxyMode mode;
    boolean closed;

    Connection(
            WireProxy proxy,
            int id,
            String route,
            WireProtocol protocol,
            Socket client,
            Socket upstream,
            ProxyMode mode)
            throws IOException {
        this.proxy = proxy;
        this.id = id;
        this.route = route;
        this.protocol = protocol;
        this.client = client;
        this.upstream = upstream;
        this.clientAddress = (InetSocketAddress) client.getRemoteSocketAddress();
        this.frontAddress = (InetSocketAddress) client.getLocalSocketAddress();
        this.upstreamLocalAddress = (InetSocketAddress) upstream.getLocalSocketAddress();
        this.upstreamAddress = (InetSocketAddress) upstream.getRemoteSocketAddress();
        this.toServer = new Pipe(this, Direction.TO_SERVER, client, upstream);
        this.toClient = new Pipe(this, Direction.TO_CLIENT, upstream, client);
        this.mode = mode;
    }

    WireProxy proxy() {
        return proxy;
    }

    Pipe pipe(Direction d) {
        return d == Direction.TO_SERVER ? toServer : toClient;
    }

    public int id() {
        return id;
    }

    /** The name of the route it came through. */
    public String route() {
        return route;
    }

    public WireProtocol protocol() {
        return protocol;
    }

    /** The client's end: its local address, the remote address of the accepted socket. */
    public InetSocketAddress clientAddress() {
        return clientAddress;
    }

    /** The proxy's front address the client connected to. */
    public InetSocketAddress frontAddress() {
        return frontAddress;
    }

    /** The proxy's end of the upstream connection: what the server sees as its peer. */
    public InetSocketAddress upstreamLocalAddress() {
        return upstreamLocalAddress;
    }

    /** The server's address. */
    public InetSocketAddress upstreamAddress() {
        return upstreamAddress;
    }

    public ProxyMode mode() {
        return proxy.modeOf(this);
    }

    /**
     * Switches this connection's mode. To HOLD: returns once no write of it is in flight; from then
     * on no frame of it moves without {@link WireProxy#deliver}. To PASS: every frame queued at the
     * call is delivered, in order, before it returns (on the calling thread).
     */
    public void mode(ProxyMode mode) {
        proxy.setMode(this, mode);
    }

    /** Counters of one direction, taken together. */
    public PipeStats stats(Direction direction) {
        return proxy.statsOf(pipe(direction));
    }

    /** Until both sides are closed (end of stream both ways, an error, a drop, or proxy close). */
    public boolean isOpen() {
        return proxy.isOpen(this);
    }

    @Override
    public String toString() {
        return "c" + id + " " + route + " " + clientAddress + " -> " + upstreamAddress;
    }
}
