package dev.triage.launch.config;

import dev.triage.experts.decode.RowAnchorParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("user.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private String error(String yaml) throws Exception {
        Path file = write(yaml);
        return assertThrows(ConfigException.class, () -> loader.load(Optional.of(file))).getMessage();
    }

    @Test
    void packagedDefaultsAreValid() {
        TriageConfig c = loader.defaults();
        assertEquals(50.0, c.budgetMs());
        assertEquals("gate_int8", c.gate().model());
        assertEquals(0.2, c.experts().get("urban").scoreThreshold());
        assertEquals(1, c.runtime().intraOpThreads());
        assertTrue(c.experts().get("highway").laneParams().continueLanes());
    }

    @Test
    void relativePathsInAUserFileResolveAgainstItsFolder() throws Exception {
        Path file = Files.createDirectories(dir.resolve("cfg")).resolve("mine.yaml");
        Files.writeString(file, "models_dir: ../nets\ngate:\n  model: gates/g.pt\nexperts:\n  urban:\n"
                + "    model: /abs/yolo.pt\n  highway:\n    model: highway\n");
        TriageConfig c = loader.load(Optional.of(file));
        assertEquals(dir.resolve("nets").toString(), c.modelsDir());
        assertEquals(dir.resolve("cfg/gates/g.pt").toString(), c.gate().model());
        assertEquals("/abs/yolo.pt", c.experts().get("urban").model());
        assertEquals("highway", c.experts().get("highway").model(), "a bare name stays a name in models_dir");
        assertEquals("models", loader.defaults().modelsDir(), "the packaged defaults keep the installation's folder");
    }

    @Test
    void laneContinuationCanBeTurnedOff() throws Exception {
        TriageConfig c = loader.load(Optional.of(write("experts:\n  highway:\n    continue_lanes: false\n")));
        assertEquals(new RowAnchorParams(4, false), c.experts().get("highway").laneParams());
        assertTrue(error("experts:\n  highway:\n    continue_lanes: 1\n").contains("continue_lanes"));
    }

    @Test
    void userFileOverridesOnlyItsKeys() throws Exception {
        TriageConfig c = loader.load(Optional.of(write("budget_ms: 33\nexperts:\n  urban:\n    score_threshold: 0.5\n")));
        assertEquals(33.0, c.budgetMs());
        assertEquals(0.5, c.experts().get("urban").scoreThreshold());
        assertEquals(0.5, c.experts().get("urban").nmsIou());
        assertEquals("highway", c.experts().get("highway").model());
    }

    @Test
    void aRepeatedKeyIsRefusedWithItsLineAndAFolderIsNamedAsOne() throws Exception {
        String msg = error("budget_ms: 40\ngate:\n  smoothing: 0.3\nbudget_ms: 45\n");
        assertTrue(msg.contains("user.yaml: not valid YAML: Duplicate field 'budget_ms' (line 4"), msg);
        ConfigException folder = assertThrows(ConfigException.class, () -> loader.load(Optional.of(dir)));
        assertEquals(dir + ": a folder, not a configuration file", folder.getMessage());
    }

    @Test
    void anAliasIsRefusedRatherThanReadAsItsNameAndBytesThatAreNotUtf8AreSaidToBe() throws Exception {
        String alias = error("experts:\n  highway:\n    scenes: &s [highway]\n  urban:\n    scenes: *s\n");
        assertTrue(alias.endsWith("user.yaml: YAML alias *s at line 5 is not supported; write the value out"), alias);
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'b', 'u', 'd', 'g', 'e', 't', '_', 'm', 's',
                ':', ' ', '4', '0', '\n', '#', ' ', (byte) 0xe9, '\n'});
        String bytes = assertThrows(ConfigException.class, () -> loader.load(Optional.of(latin1))).getMessage();
        assertTrue(bytes.startsWith(latin1 + ": not valid YAML: not UTF-8 text: "), bytes);
    }

    @Test
    void repeatedScenesAndYoloClassesAreNamedAsRepeats() throws Exception {
        String scenes = error("experts:\n  highway:\n    scenes: [highway, highway]\n");
        assertTrue(scenes.endsWith("key 'experts.highway.scenes' = [\"highway\",\"highway\"] is invalid; allowed: "
                + "array of string items, each at most once"), scenes);
        String classes = error("experts:\n  urban:\n    kind: yolo\n    model: /m/y.pt\n    yolo:\n"
                + "      input_width: 640\n      input_height: 640\n      classes: [person, person]\n");
        assertTrue(classes.contains("user.yaml: key 'experts.urban.yolo.classes' = [\"person\",\"person\"] is "
                + "invalid: class names must be unique"), classes);
    }

    @Test
    void outOfRangeValueNamesFileKeyAndRange() throws Exception {
        String msg = error("experts:\n  urban:\n    score_threshold: 1.5\n");
        assertTrue(msg.contains("user.yaml"), msg);
        assertTrue(msg.contains("experts.urban.score_threshold"), msg);
        assertTrue(msg.contains("(0, 1]"), msg);
    }

    @Test
    void unknownKeyIsRefusedWithTheAllowedOnes() throws Exception {
        String msg = error("gate:\n  smoothnes: 0.2\n");
        assertTrue(msg.contains("unknown key 'gate.smoothnes'"), msg);
        assertTrue(msg.contains("smoothing"), msg);
    }

    @Test
    void wrongTypeAndBadEnumAreRefused() throws Exception {
        assertTrue(error("budget_ms: fast\n").contains("budget_ms"));
        String msg = error("runtime:\n  device: tpu\n");
        assertTrue(msg.contains("one of [cpu, gpu]"), msg);
    }

    @Test
    void notANumberAndInfinityAreNamedAsNotFiniteWithTheirLine() throws Exception {
        assertTrue(error("budget_ms: .nan\n").endsWith("user.yaml: .nan (line 1, column 16) is not a finite number; "
                + "every number in the configuration must be finite"));
        String inf = error("gate:\n  enter_threshold: -.Inf\n");
        assertTrue(inf.endsWith("user.yaml: -.Inf (line 2, column 25) is not a finite number; every number in the "
                + "configuration must be finite"), inf);
    }

    @Test
    void missingFileAndBrokenYamlAreNamed() throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertTrue(assertThrows(ConfigException.class, () -> loader.load(Optional.of(missing)))
                .getMessage().contains("nope.yaml: configuration file not found"));
        String msg = error("budget_ms: [1, 2\n");
        assertTrue(msg.contains("user.yaml: not valid YAML"), msg);
        assertTrue(msg.endsWith("while parsing a flow sequence: expected ',' or ']', but got <stream end> "
                + "(line 2, column 1)"), msg);
        String indent = error("gate:\n  smoothing: 0.3\n bad: 1\n");
        assertTrue(indent.contains("but found '<block mapping start>' (line 3, column 2)"), indent);
    }

    @Test
    void aPackagedProfileCanBeNamedInsteadOfAFile() throws Exception {
        TriageConfig quality = loader.load(Optional.of(Path.of("quality")));
        assertEquals(2, quality.runtime().intraOpThreads());
        assertTrue(quality.experts().get("urban").inputSize().isPresent());
        assertEquals(loader.defaults(), loader.load(Optional.of(Path.of("default"))));
        assertEquals(416, loader.load(Optional.of(Path.of("fast"))).experts().get("urban").inputWidth());
        String msg = assertThrows(ConfigException.class, () -> loader.load(Optional.of(Path.of("qualty"))))
                .getMessage();
        assertTrue(msg.contains("qualty: configuration file not found") && msg.contains("default, quality"), msg);
    }

    @Test
    void anEnterThresholdTheSpeedPriorCouldReachIsRefusedNamingTheKey() throws Exception {
        String msg = error("gate:\n  enter_threshold: 0.55\n");
        assertTrue(msg.contains("user.yaml: key 'gate.enter_threshold' = 0.55 is invalid"), msg);
        assertTrue(msg.contains("(0.6, 1]") && msg.contains("speed_prior"), msg);
        assertEquals(1, msg.lines().count(), msg);
        assertEquals(0.55, loader.load(Optional.of(write("gate:\n  enter_threshold: 0.55\n  speed_prior: false\n")))
                .gate().enterThreshold());
        msg = error("gate:\n  enter_threshold: 0.5\n  speed_prior: false\n");
        assertTrue(msg.contains("gate.enter_threshold") && msg.contains("(0.5, 1]"), msg);
    }

    @Test
    void aZeroScoreThresholdIsBlamedOnTheConfigKeyNotOnTheSidecar() throws Exception {
        String msg = error("experts:\n  urban:\n    score_threshold: 0\n");
        assertEquals("user.yaml: key 'experts.urban.score_threshold' = 0 is invalid; allowed: number in (0, 1]",
                msg.substring(msg.indexOf("user.yaml")), msg);
        assertEquals(1, msg.lines().count(), msg);
    }

    @Test
    void theImageSizeLimitIsAConfigurationKey() throws Exception {
        assertEquals(8192, loader.defaults().maxImageSide());
        assertEquals(4096, loader.load(Optional.of(write("max_image_side: 4096\n"))).maxImageSide());
        String msg = error("max_image_side: 40000\n");
        assertTrue(msg.contains("key 'max_image_side' = 40000 is invalid; allowed: integer in [1, 32768]"), msg);
    }

    @Test
    void anInputSizeNeedsBothSides() throws Exception {
        String msg = error("experts:\n  urban:\n    input_width: 640\n");
        assertTrue(msg.contains("input_height"), msg);
    }

    @Test
    void anExpertIsAddedByConfigurationWithTheDefaultsOfItsKind() throws Exception {
        TriageConfig c = loader.load(Optional.of(write("experts:\n  night:\n    kind: centernet\n    model: night\n"
                + "    scenes: [night]\n    score_threshold: 0.25\n  tunnel:\n    kind: row_anchor_lanes\n"
                + "    model: /m/tunnel.pt\n    scenes: [tunnel]\n")));
        assertEquals(java.util.List.of("urban", "highway", "night", "tunnel"), java.util.List.copyOf(c.experts().keySet()));
        TriageConfig.ExpertConfig night = c.experts().get("night");
        assertEquals(java.util.List.of("night"), night.scenes());
        assertEquals(0.25, night.scoreThreshold());
        assertEquals(0.5, night.nmsIou());
        assertEquals(100, night.maxDetections());
        assertEquals(null, night.minLanePoints());
        TriageConfig.ExpertConfig tunnel = c.experts().get("tunnel");
        assertEquals(4, tunnel.minLanePoints());
        assertEquals(50, tunnel.maxDetections());
        assertEquals(null, tunnel.scoreThreshold());
        assertEquals(java.util.List.of("urban"), c.experts().get("urban").scenes());
    }

    @Test
    void anAddedExpertNeedsKindModelAndScenesAndOnlyTheKeysOfItsKind() throws Exception {
        String msg = error("experts:\n  night:\n    model: night\n    scenes: [night]\n");
        assertTrue(msg.contains("key 'experts.night.kind' is missing"), msg);
        msg = error("experts:\n  night:\n    kind: row_anchor_lanes\n    model: night\n    scenes: [night]\n"
                + "    score_threshold: 0.2\n");
        assertTrue(msg.contains("unknown key 'experts.night.score_threshold'") && msg.contains("min_lane_points"), msg);
        msg = error("experts:\n  night:\n    kind: centernet\n    model: night\n    scenes: [night]\n"
                + "    score_threshold: 2\n");
        assertTrue(msg.contains("experts.night.score_threshold") && msg.contains("(0, 1]"), msg);
        msg = error("experts:\n  night:\n    kind: transformer\n    model: night\n    scenes: [night]\n");
        assertTrue(msg.contains("experts.night.kind") && msg.contains("row_anchor_lanes"), msg);
        msg = error("experts:\n  urban:\n    scenes: [Urban Street]\n");
        assertTrue(msg.contains("experts.urban.scenes"), msg);
    }
}
