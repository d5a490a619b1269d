package io.interlock.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code interlock} command: {@code serve}, {@code run}, {@code replay}, {@code report}, {@code baseline}. */
@Command(
        name = "interlock",
        mixinStandardHelpOptions = true,
        versionProvider = InterlockCli.Version.class,
        description = "Finds, reproduces and rules out cross-protocol (SMB2/3 + NFSv3) race bugs in file servers.",
        subcommands = {
            ServeCommand.class,
            RunCommand.class,
            ExploreCommand.class,
            ReplayCommand.class,
            ReportCommand.class,
            BaselineCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class InterlockCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "a command is required (serve, run, explore, replay, report, baseline, bench)");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = InterlockCli.class.getPackage().getImplementationVersion();
            return new String[] {"interlock " + (v == null ? "dev" : v)};
        }
    }

    /** Builds the command line with one-line error reporting. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new InterlockCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            err.println("interlock: " + ex.getMessage());
            err.println("Try 'interlock " + subcommandName(ex) + "--help' for more information.");
            err.flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof UserError ue) {
                err.println("interlock: " + ue.getMessage());
                err.flush();
                return ue.exitCode();
            }
            err.println("interlock: internal error: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return 70;
        });
        return cl;
    }

    private static String subcommandName(CommandLine.ParameterException ex) {
        CommandLine c = ex.getCommandLine();
        return c == null || c.getParent() == null ? "" : c.getCommandName() + " ";
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(out, err).execute(args);
        if (code != 0 || !ServeCommand.keepsRunning()) {
            System.exit(code);
        }
    }
}
