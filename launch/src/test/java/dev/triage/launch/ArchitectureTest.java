package dev.triage.launch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module import rules of ARCHITECTURE.md, enforced on the compiled classes: dependencies point one way, only
 * inference, gating and experts touch DJL, the core is free of DJL and ROS, and only launch reads the environment.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // the test-jars of ros-client and ros2 (test helpers) are on launch's test classpath: not main code
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.triage");
    }

    /** No class in {@code module} depends on a class in any of {@code forbidden}. */
    private static void forbid(String module, String... forbidden) {
        noClasses().that().resideInAPackage(module)
                .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .check(classes);
    }

    /** Only classes in {@code owners} depend on classes in any of {@code used}. */
    private static void onlyFrom(List<String> owners, String... used) {
        noClasses().that().resideOutsideOfPackages(owners.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(used)
                .check(classes);
    }

    @Test
    void perceptionImportsNeitherDjlNorRosNorOtherModules() {
        forbid("dev.triage.perception..", "ai.djl..", "dev.triage.ros..", "dev.triage.ros2..", "com.sun.jna..",
                "dev.triage.inference..", "dev.triage.gating..", "dev.triage.experts..", "dev.triage.datasets..",
                "dev.triage.simbridge..", "dev.triage.launch..");
    }

    @Test
    void onlyInferenceGatingAndExpertsImportDjl() {
        onlyFrom(List.of("dev.triage.inference..", "dev.triage.gating..", "dev.triage.experts.."), "ai.djl..");
    }

    @Test
    void inferenceImportsOnlyPerceptionAndDjl() {
        forbid("dev.triage.inference..", "dev.triage.gating..", "dev.triage.experts..", "dev.triage.datasets..",
                "dev.triage.ros..", "dev.triage.simbridge..", "dev.triage.launch..");
    }

    @Test
    void gatingAndExpertsDoNotDependOnEachOtherOrOnTransports() {
        forbid("dev.triage.gating..", "dev.triage.experts..", "dev.triage.ros..", "dev.triage.datasets..",
                "dev.triage.simbridge..", "dev.triage.launch..");
        forbid("dev.triage.experts..", "dev.triage.gating..", "dev.triage.ros..", "dev.triage.datasets..",
                "dev.triage.simbridge..", "dev.triage.launch..");
    }

    @Test
    void datasetsAndRosDependOnlyOnPerception() {
        for (String module : List.of("dev.triage.datasets..", "dev.triage.ros..")) {
            forbid(module, "dev.triage.inference..", "dev.triage.gating..", "dev.triage.experts..",
                    "dev.triage.simbridge..", "dev.triage.launch..");
        }
        forbid("dev.triage.ros..", "dev.triage.datasets..");
    }

    @Test
    void rosClientUsesTheJdkOnly() {
        // the ros-client module: dev.triage.ros and its packages, except the node runtime (module ros,
        // dev.triage.ros.node), which it must not know either
        classes().that().resideInAPackage("dev.triage.ros..").and().resideOutsideOfPackage("dev.triage.ros.node..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "org.w3c..", "org.xml..",
                        "dev.triage.ros", "dev.triage.ros.master..", "dev.triage.ros.msg..", "dev.triage.ros.tcpros..",
                        "dev.triage.ros.xmlrpc..")
                .check(classes);
    }

    @Test
    void simBridgeUsesPerceptionRosAndDatasetsOnly() {
        // datasets: the synthetic drive (the CARLA-style test publisher replays it) and the detection evaluator
        // (live accuracy); no DJL, no models
        forbid("dev.triage.simbridge..", "dev.triage.inference..", "dev.triage.gating..", "dev.triage.experts..",
                "dev.triage.launch..", "ai.djl..");
    }

    @Test
    void ros2UsesPerceptionRosAndJnaOnlyAndOnlyLaunchUsesIt() {
        // ros (read-only reuse): node options, diagnostics vocabulary, capture clock
        forbid("dev.triage.ros2..", "dev.triage.inference..", "dev.triage.gating..", "dev.triage.experts..",
                "dev.triage.datasets..", "dev.triage.simbridge..", "dev.triage.launch..", "ai.djl..");
        onlyFrom(List.of("dev.triage.ros2..", "dev.triage.launch.."), "dev.triage.ros2..");
        // JNA: Cyclone DDS in ros2; in inference only QuantizedEngine, which sets libtorch's int8 kernels
        noClasses().that().resideOutsideOfPackage("dev.triage.ros2..")
                .and().doNotHaveFullyQualifiedName("dev.triage.inference.QuantizedEngine")
                .should().dependOnClassesThat().resideInAPackage("com.sun.jna..")
                .check(classes);
    }

    @Test
    void onlyLaunchReadsTheEnvironment() {
        // Int8Kernels reads oneDNN's own DNNL_MAX_CPU_ISA (not Triage configuration; libtorch reads the same
        // variable) to know whether oneDNN may use the CPU's AMX tiles
        noClasses().that().resideOutsideOfPackage("dev.triage.launch..")
                .and().doNotHaveFullyQualifiedName("dev.triage.inference.Int8Kernels")
                .should().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getenv")
                .check(classes);
    }
}
