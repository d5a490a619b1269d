package io.interlock.scenarios.gen;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.engine.Scenario;
import io.interlock.scenarios.ops.PauseOp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Programs are a pure function of the choices, well formed, within the campaign's bounds. */
class ProgramGeneratorTest {
    private final ProgramGenerator gen =
            new ProgramGenerator(ProgramGenerator.Settings.defaults().withOps(5, 20));

    @Test
    void generate_sameChoices_sameProgram() {
        for (long seed = 1; seed <= 100; seed++) {
            ChoiceStream a = ChoiceStream.fromSeed(seed);
            Scenario p = gen.generate(a, "p");
            Scenario q = gen.generate(ChoiceStream.replay(a.choices()), "p");
            assertThat(q).isEqualTo(p);
        }
    }

    @Test
    void generate_manySeeds_withinBoundsAndEveryClientActs() {
        Set<String> names = new HashSet<>();
        for (long seed = 1; seed <= 500; seed++) {
            Scenario p = gen.generate(ChoiceStream.fromSeed(seed), "p"); // the constructor validates it
            assertThat(p.steps()).hasSizeBetween(5, 20);
            assertThat(p.clients()).hasSizeBetween(1, 4);
            for (String c : p.clients().keySet()) {
                assertThat(p.steps()).as(c).anyMatch(s -> c.equals(s.client()));
            }
            p.steps().forEach(s -> names.add(s.name()));
        }
        // the campaign reaches every kind of operation it is meant to mix
        assertThat(names)
                .contains(
                        "smb.open",
                        "smb.write",
                        "smb.read",
                        "smb.lock",
                        "smb.unlock",
                        "smb.close",
                        "nfs.write",
                        "nfs.read",
                        "nfs.setattr",
                        "nfs.create",
                        "nfs.remove",
                        "nfs.rename",
                        "nfs.mkdir",
                        "nfs.rmdir",
                        "nfs.link",
                        "nlm.lock",
                        "nlm.test",
                        "nlm.unlock",
                        "share.add",
                        "share.list",
                        "pause");
    }

    @Test
    void generate_maxWait_capsWaitsAndDrawsTheSameChoices() {
        java.time.Duration cap = java.time.Duration.ofSeconds(5);
        ProgramGenerator capped =
                new ProgramGenerator(new ProgramGenerator.Settings(2, 4, 5, 20, List.of(), List.of(), true, cap, true));
        for (long seed = 1; seed <= 200; seed++) {
            ChoiceStream a = ChoiceStream.fromSeed(seed);
            Scenario p = gen.generate(a, "p");
            ChoiceStream b = ChoiceStream.replay(a.choices());
            Scenario q = capped.generate(b, "p");
            assertThat(b.position()).as("seed " + seed).isEqualTo(a.position());
            assertThat(q.steps()).hasSameSizeAs(p.steps());
            q.steps().stream()
                    .filter(s -> s.op() instanceof PauseOp)
                    .forEach(s -> assertThat(((PauseOp) s.op()).duration()).isLessThanOrEqualTo(cap));
            q.clients().values().forEach(c -> {
                if (c.ackDelay() != null) {
                    assertThat(c.ackDelay()).isLessThanOrEqualTo(cap);
                }
                if (c.flushDelay() != null) {
                    assertThat(c.flushDelay()).isLessThanOrEqualTo(cap);
                }
            });
        }
    }

    @Test
    void generate_targetPolicy_leavesTheTargetsOwn() {
        ProgramGenerator own = new ProgramGenerator(new ProgramGenerator.Settings(
                2, 4, 5, 20, List.of(ProgramGenerator.Settings.TARGET_POLICY), List.of(), false, null, true));
        Scenario p = own.generate(ChoiceStream.fromSeed(1), "p");
        assertThat(p.server().breakPolicy()).isNull();
        assertThat(p.server().isEmpty()).isTrue();
    }

    @Test
    void generate_noLeases_everySmbOpenWithoutALeaseAndTheSameDraws() {
        ProgramGenerator plain = new ProgramGenerator(
                new ProgramGenerator.Settings(2, 4, 5, 20, List.of(), List.of(), true, null, false));
        for (long seed = 1; seed <= 200; seed++) {
            ChoiceStream a = ChoiceStream.fromSeed(seed);
            Scenario p = plain.generate(a, "p");
            Scenario q = plain.generate(ChoiceStream.replay(a.choices()), "p");
            assertThat(q).isEqualTo(p);
            p.steps().stream()
                    .filter(st -> st.op() instanceof io.interlock.scenarios.ops.SmbOpenOp)
                    .forEach(st -> assertThat(((io.interlock.scenarios.ops.SmbOpenOp) st.op()).lease())
                            .as(st.toString())
                            .isNull());
        }
    }

    @Test
    void generate_allZeroChoices_theSimplestProgram() {
        Scenario p = gen.generate(ChoiceStream.replay(Choices.empty()), "p");
        assertThat(p.steps()).hasSize(5);
        assertThat(p.clients()).hasSize(1);
        assertThat(p.steps()).noneMatch(s -> s.op() instanceof PauseOp);
        assertThat(List.copyOf(p.clients().values()).get(0).protocol()).isEqualTo("smb");
    }

    @Test
    void generate_swarm_someProgramsLeaveAFamilyOutAndTheSimplestLeavesNone() {
        int withoutClose = 0;
        for (long seed = 1; seed <= 300; seed++) {
            Scenario p = gen.generate(ChoiceStream.fromSeed(seed), "p");
            long smbOps = p.steps().stream()
                    .filter(s -> s.name().startsWith("smb.") && !s.name().equals("smb.open"))
                    .count();
            if (smbOps >= 6 && p.steps().stream().noneMatch(s -> s.name().equals("smb.close"))) {
                withoutClose++;
            }
        }
        // with every family at its default weight, 6 SMB operations without a close are rare
        assertThat(withoutClose).as("programs whose SMB client never closes").isGreaterThanOrEqualTo(5);
        // all-zero choices keep every family: the simplest program is not a swarm one
        Scenario simplest = gen.generate(ChoiceStream.replay(Choices.empty()), "p");
        assertThat(simplest.steps()).allMatch(s -> s.name().equals("smb.open"));
    }

    @Test
    void generate_aClientsLastOperationDeleted_everyOtherClientUnchanged() {
        int checked = 0;
        for (long seed = 1; seed <= 60; seed++) {
            ChoiceStream cs = ChoiceStream.fromSeed(seed);
            Scenario p = gen.generate(cs, "p");
            Choices c = cs.choices();
            // a client's last operation: the span right before its lone "no more" draw
            List<Choices.Span> all = c.spans();
            List<Choices.Span> ops = all.stream()
                    .filter(sp -> sp.label().equals("op")
                            && sp.length() > 1
                            && all.stream()
                                    .anyMatch(n -> n.label().equals("op") && n.start() == sp.end() && n.length() == 1))
                    .toList();
            for (Choices.Span sp : ops) {
                Scenario q = gen.generate(ChoiceStream.replay(c.delete(sp.start(), sp.end())), "p");
                if (q.steps().size() != p.steps().size() - 1
                        || p.steps().size() <= 5
                        || p.steps().size() >= 20) {
                    // the last "no more" draw; the campaign's minimum refilled the program; or the
                    // program was at its maximum, and a later client takes the freed place
                    continue;
                }
                // one client lost its last operation; every other client's operations are as they were,
                // numbering aside (the shrinker can take an operation away without disturbing the rest)
                java.util.Map<String, List<String>> before = byClient(p);
                java.util.Map<String, List<String>> after = byClient(q);
                List<String> shrunk = before.keySet().stream()
                        .filter(k -> before.get(k).size()
                                != after.getOrDefault(k, List.of()).size())
                        .toList();
                assertThat(shrunk).as("seed " + seed + " " + sp).hasSize(1);
                for (String k : before.keySet()) {
                    if (!shrunk.contains(k)) {
                        assertThat(after.get(k))
                                .as("seed " + seed + " " + sp + " client " + k)
                                .isEqualTo(before.get(k));
                    }
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void generate_aClientDeleted_everyOtherClientUnchanged() {
        int checked = 0;
        for (long seed = 1; seed <= 400; seed++) {
            ChoiceStream cs = ChoiceStream.fromSeed(seed);
            Scenario p = gen.generate(cs, "p");
            if (p.steps().size() <= 5 || p.steps().size() >= 20) {
                continue; // the campaign's minimum refills, or its maximum cut a later client short
            }
            Choices c = cs.choices();
            List<Choices.Span> clients = c.spans().stream()
                    .filter(sp -> sp.label().equals("client") && sp.depth() == 0)
                    .toList();
            if (clients.size() == 4 && clients.get(3).length() > 1) {
                continue; // all four drawn: no "no more clients" draw follows to take the deleted one's place
            }
            // the first client speaks SMB by rule, and the first two are always there: a later client
            // takes a deleted one's place unchanged (deleting the second client when no third one
            // follows would leave the "no more clients" draw where a client must be)
            for (Choices.Span sp : clients.subList(1, clients.size())) {
                if (sp.length() == 1 // the "no more clients" draw, not a client
                        || sp == clients.get(1)
                                && (clients.size() < 3 || clients.get(2).length() == 1)) {
                    continue;
                }
                Scenario q = gen.generate(ChoiceStream.replay(c.delete(sp.start(), sp.end())), "p");
                List<List<String>> before = new java.util.ArrayList<>(anonymous(p));
                List<List<String>> after = anonymous(q);
                if (q.steps().size() <= 5) {
                    continue;
                }
                // one client's operations are gone (none, if it had none); the others' are the same
                boolean same = before.equals(after);
                for (int i = 0; i < before.size() && !same; i++) {
                    List<List<String>> candidate = new java.util.ArrayList<>(before);
                    candidate.remove(i);
                    same = candidate.equals(after);
                }
                assertThat(same)
                        .as("seed " + seed + " " + sp + "\n" + before + "\n" + after)
                        .isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(10);
    }

    /** Each client's operations, in client order, with client names and numbering taken out. */
    private static List<List<String>> anonymous(Scenario p) {
        return byClient(p).values().stream()
                .map(ops -> ops.stream()
                        .map(o -> o.replaceAll("client=[A-Z]", "client=?"))
                        .toList())
                .toList();
    }

    private static java.util.Map<String, List<String>> byClient(Scenario p) {
        java.util.Map<String, List<String>> m = new java.util.TreeMap<>();
        p.steps().forEach(s -> m.computeIfAbsent(String.valueOf(s.client()), k -> new java.util.ArrayList<>())
                .add(s.op().toString()));
        m.replaceAll((k, v) -> norm(v));
        return m;
    }

    private static List<String> norm(List<String> ops) {
        // handle names and written tokens are numbered in program order
        return ops.stream()
                .map(o -> o.replaceAll("h\\d+", "h").replaceAll("data=[A-Z0-9]+", "data=?"))
                .toList();
    }
}
