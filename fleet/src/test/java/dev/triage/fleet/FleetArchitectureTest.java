package dev.triage.fleet;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The import rules for the fleet module (launch's ArchitectureTest cannot see it: fleet depends on launch). fleet is
 * a second composition root beside launch: it may use launch's wiring, configuration and sources, perception's
 * pipeline and gating's policies, but no DJL, ROS or DDS directly; nothing depends on fleet; only fleet touches Spark;
 * within fleet only the job and cli packages touch Spark, so the executor logic stays testable without it; only the
 * store package touches Hadoop's FileSystem API (URIs of recordings and outputs).
 */
class FleetArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.triage");
    }

    /** Only classes in {@code owners} depend on classes in any of {@code used}. */
    private static void onlyFrom(List<String> owners, String... used) {
        noClasses().that().resideOutsideOfPackages(owners.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(used)
                .check(classes);
    }

    @Test
    void fleetUsesNoDjlRosOrDdsDirectly() {
        noClasses().that().resideInAPackage("dev.triage.fleet..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "dev.triage.ros..", "dev.triage.ros2..",
                        "com.sun.jna..", "dev.triage.simbridge..", "dev.triage.inference..", "dev.triage.experts..")
                .check(classes);
    }

    @Test
    void nothingDependsOnFleet() {
        onlyFrom(List.of("dev.triage.fleet.."), "dev.triage.fleet..");
    }

    @Test
    void onlyFleetsJobAndCliTouchSpark() {
        onlyFrom(List.of("dev.triage.fleet.job..", "dev.triage.fleet.cli.."), "org.apache.spark..", "scala..");
    }

    @Test
    void onlyFleetsStoreTouchesHadoop() {
        onlyFrom(List.of("dev.triage.fleet.store.."), "org.apache.hadoop..");
    }

    @Test
    void fleetReadsNoEnvironment() {
        noClasses().that().resideInAPackage("dev.triage.fleet..")
                .should().callMethod(System.class, "getenv", String.class)
                .orShould().callMethod(System.class, "getenv")
                .check(classes);
    }
}
