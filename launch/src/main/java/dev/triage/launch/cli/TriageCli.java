package dev.triage.launch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Root of the {@code triage} command line; each subcommand is one user task. */
@Command(name = "triage",
        mixinStandardHelpOptions = true,
        version = "triage 0.1.0",
        description = "Mixture-of-Experts camera perception: a context gate routes each frame to an urban-pedestrian "
                + "or a highway-lane expert.",
        footer = "%nbin/triage fleet DRIVES --out DIR: replay a fleet of recorded drives as an Apache Spark job "
                + "(fleet module; bin/triage fleet --help).",
        subcommands = {ReplayCommand.class, NodeCommand.class, EvalCommand.class, BenchCommand.class, SynthCommand.class, CarlaSimCommand.class,
                CommandLine.HelpCommand.class})
public final class TriageCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Entry point used by {@code bin/triage}. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with its subcommands and their shared help layout ({@link CliHelp}); {@code node} takes ROS 2's
     * {@code -r}/{@code -p} as arguments.
     */
    static CommandLine commandLine() {
        CommandLine cli = CliHelp.withExitCodeHeadings(new CommandLine(new TriageCli()));
        cli.getSubcommands().get("node").setUnmatchedOptionsArePositionalParams(true);
        return cli;
    }
}
