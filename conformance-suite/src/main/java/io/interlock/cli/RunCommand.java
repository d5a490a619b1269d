package io.interlock.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code interlock run}: wired to the scenario engine at integration. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the scenario catalog and write the report.")
final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserError("run: the scenario engine is not integrated yet", 1);
    }
}
