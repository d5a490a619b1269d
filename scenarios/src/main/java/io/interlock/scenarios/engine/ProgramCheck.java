package io.interlock.scenarios.engine;

import io.interlock.scenarios.ops.OpCheck;
import io.interlock.scenarios.ops.OpRegistry;
import io.interlock.scenarios.ops.SmbAwaitBreakOp;
import io.interlock.scenarios.ops.SmbCloseOp;
import io.interlock.scenarios.ops.SmbOpenOp;
import io.interlock.scenarios.ops.Step;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a program: walks its steps in order, tracking which handles are open and which clients
 * awaited a break, and lets each op check itself ({@link io.interlock.scenarios.ops.Op#validate}).
 * Expectations are checked against the clients and step ids.
 */
final class ProgramCheck implements OpCheck {
    private final Map<String, ClientSpec> clients;
    private final Set<String> ids = new HashSet<>();
    private final Map<String, String> open = new HashMap<>(); // client/handle -> path
    private final Set<String> awaited = new HashSet<>();

    private ProgramCheck(Map<String, ClientSpec> clients) {
        this.clients = clients;
    }

    static void validate(String id, Map<String, ClientSpec> clients, List<Step> steps, List<Expectation> expectations) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("scenario id is required");
        }
        ProgramCheck c = new ProgramCheck(clients);
        for (Step s : steps) {
            String where = "scenario " + id + " step " + s.id();
            if (!c.ids.add(s.id())) {
                throw new IllegalArgumentException(where + ": step ids must be unique");
            }
            try {
                s.op().validate(c);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " (" + s.name() + "): " + e.getMessage(), e);
            }
            c.after(s);
        }
        for (Expectation e : expectations) {
            e.validate(id, clients, c.ids);
        }
    }

    private void after(Step s) {
        if (s.op() instanceof SmbOpenOp o) {
            open.put(o.client() + "/" + o.handleName(), o.path());
        } else if (s.op() instanceof SmbCloseOp o) {
            open.remove(o.client() + "/" + o.handleName());
        } else if (s.op() instanceof SmbAwaitBreakOp o) {
            awaited.add(o.client());
        }
    }

    @Override
    public void requireClient(String client, String protocol) {
        ClientSpec c = clients.get(client);
        if (c == null) {
            throw new IllegalArgumentException("unknown client " + client);
        }
        if (!c.protocol().equals(protocol)) {
            throw new IllegalArgumentException("client " + client + " is an " + c.protocol() + " client; the op needs "
                    + protocol + " (ops: " + OpRegistry.namesOf(c.protocol()) + ")");
        }
    }

    @Override
    public boolean hasClient(String client) {
        return clients.containsKey(client);
    }

    @Override
    public boolean isOpen(String client, String handle) {
        return open.containsKey(client + "/" + handle);
    }

    @Override
    public boolean reactsToBreaks(String client) {
        ClientSpec c = clients.get(client);
        return c != null && c.reacts();
    }

    @Override
    public boolean awaitedBreak(String client) {
        return awaited.contains(client);
    }

    @Override
    public boolean hasEarlierStep(String stepId) {
        return ids.contains(stepId);
    }

    @Override
    public String pathOf(String client, String handle) {
        return open.get(client + "/" + handle);
    }
}
