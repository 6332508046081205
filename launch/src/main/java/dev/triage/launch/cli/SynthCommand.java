package dev.triage.launch.cli;

import dev.triage.datasets.synthetic.DatasetExporter;
import dev.triage.datasets.synthetic.ExportSummary;
import dev.triage.datasets.synthetic.Route;
import dev.triage.datasets.synthetic.SyntheticConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code triage synth}: exports a labelled synthetic dataset in the layout of training/CONTRACTS.md. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Export a labelled synthetic dataset: DIR/images/NNNNNN.jpg, DIR/labels.jsonl, DIR/labels.csv, "
                + "DIR/boxes.csv and DIR/lanes.json (what 'triage eval DIR' scores).",
                "Without --route: independent random frames, half urban and half highway (for training).",
                "With --route: the first N frames of one continuous drive."},
        exitCodeList = {"0:dataset written", "2:bad arguments", "1:the output could not be written"})
public final class SynthCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
    Path out;

    @Option(names = "--frames", paramLabel = "N", defaultValue = "1000",
            description = "Frames to write (default: ${DEFAULT-VALUE}); with --route at most the route's length.")
    int frames;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--width", paramLabel = "PX", defaultValue = "640", description = "Frame width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", paramLabel = "PX", defaultValue = "480",
            description = "Frame height (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--route", paramLabel = "ROUTE",
            description = "Export a continuous drive instead, e.g. urban:200/highway:200/urban:200 "
                    + "(scene urban or highway, frames at 20 fps).")
    String route;

    @Override
    public Integer call() {
        if (frames < 1) {
            return CliErrors.fail("--frames: " + frames + " must be at least 1");
        }
        try {
            SyntheticConfig.checkSize(width, height);
        } catch (IllegalArgumentException e) {
            return CliErrors.fail("--width/--height: " + e.getMessage());
        }
        Route parsed = null;
        if (route != null) {
            try {
                parsed = Route.parse(route);
            } catch (IllegalArgumentException e) {
                return CliErrors.fail("--route: " + e.getMessage());
            }
        }
        DatasetExporter exporter = new DatasetExporter();
        ExportSummary s;
        try {
            s = parsed == null ? exporter.exportSamples(out, frames, seed, width, height)
                    : exporter.exportDrive(out, new SyntheticConfig(seed, width, height, parsed), frames);
        } catch (IOException e) {
            System.err.println("triage: cannot write " + out + ": " + e.getMessage());
            return 1;
        }
        System.out.printf(Locale.ROOT, "wrote %d frames (%d urban, %d highway, %d boxes, %d ignore regions) to %s "
                        + "in %.1f s; rendering %.2f ms/frame%n", s.frames(), s.urbanFrames(), s.highwayFrames(),
                s.boxes(), s.ignored(), s.directory(), s.totalSeconds(), s.renderMsPerFrame());
        return 0;
    }
}
