package dev.triage.launch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/** The usage-help layout every triage command shares (also {@code triage fleet}), set once instead of per command. */
public final class CliHelp {
    /** Heading of a command's exit code list ({@code exitCodeList} of its {@code @Command}). */
    static final String EXIT_CODES_HEADING = "%nExit codes:%n";

    private CliHelp() {
    }

    /** Gives {@code cli} and its subcommands that list exit codes the shared heading; returns {@code cli}. */
    public static CommandLine withExitCodeHeadings(CommandLine cli) {
        UsageMessageSpec usage = cli.getCommandSpec().usageMessage();
        if (!usage.exitCodeList().isEmpty()) {
            usage.exitCodeListHeading(EXIT_CODES_HEADING);
        }
        cli.getSubcommands().values().forEach(CliHelp::withExitCodeHeadings);
        return cli;
    }
}
