package dev.triage.launch.wiring;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where one model lives: its TorchScript file and the sidecar JSON beside it.
 *
 * @param model   the {@code .pt} file
 * @param sidecar the {@code .json} file with its input size and output layout
 */
public record ModelFiles(Path model, Path sidecar) {

    /**
     * Resolves a configured model reference: a bare name means {@code modelsDir/name.pt}; anything ending in
     * {@code .pt} is a path. Relative paths resolve against the installation (those of a user's YAML file were
     * already made absolute against its folder when it was read).
     */
    public static ModelFiles resolve(Path home, String modelsDir, String reference) {
        Path pt;
        if (reference.endsWith(".pt")) {
            pt = home.resolve(reference);
        } else {
            pt = home.resolve(modelsDir).resolve(reference + ".pt");
        }
        pt = pt.toAbsolutePath().normalize();
        String name = pt.getFileName().toString();
        return new ModelFiles(pt, pt.resolveSibling(name.substring(0, name.length() - 3) + ".json"));
    }

    /**
     * Checks that the model file exists before anything reads its sidecar, so the error names the model and the
     * configuration key that chose it, e.g. {@code /models/night.pt: model file not found (experts.night.model:
     * /models/night.pt)}.
     *
     * @param key       the configuration key, {@code gate.model} or {@code experts.<name>.model}
     * @param reference the key's value as configured
     */
    public ModelFiles requireModel(String key, String reference) throws StackFactory.StackException {
        if (!Files.isRegularFile(model)) {
            throw new StackFactory.StackException(model + ": model file not found (" + key + ": " + reference + ")");
        }
        return this;
    }
}
