package dev.triage.fleet;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on 127.0.0.1 made of this JVM's Spark jars: a {@code Master} and one {@code Worker}
 * process. The worker launches executors with this JVM's class path ({@code spark.executor.extraClassPath}), since
 * there is no Spark distribution; {@code SPARK_HOME} is an empty folder with the {@code jars/} folder the launcher
 * looks for.
 */
final class StandaloneCluster implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final int masterPort;
    private final Path dir;

    private StandaloneCluster(Path dir, int masterPort) {
        this.dir = dir;
        this.masterPort = masterPort;
    }

    static StandaloneCluster start(Path dir, int workerCores) throws Exception {
        Files.createDirectories(dir.resolve("spark-home/jars"));
        StandaloneCluster cluster = new StandaloneCluster(dir, freePort());
        try {
            cluster.launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    String.valueOf(cluster.masterPort), "--webui-port", String.valueOf(freePort()));
            cluster.awaitPort(cluster.masterPort);
            cluster.launch("worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--port",
                    String.valueOf(freePort()), "--webui-port", String.valueOf(freePort()), "--cores",
                    String.valueOf(workerCores), "--memory", "3g", "--work-dir", dir.resolve("work").toString(),
                    cluster.masterUrl());
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** Spark settings the driver needs for this cluster's executors. */
    static List<String> driverConf() {
        return List.of("--conf", "spark.executor.extraClassPath=" + System.getProperty("java.class.path"),
                "--conf", "spark.executor.memory=2g", "--conf", "spark.executor.cores=2");
    }

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    private void launch(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        cmd.addAll(List.of(System.getProperty("fleet.addOpens", "").split(" ")));
        cmd.removeIf(String::isBlank);
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(name).toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
        env.put("SPARK_HOME", dir.resolve("spark-home").toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_CONF_DIR", dir.resolve("spark-home").toString());
        processes.add(pb.start());
    }

    private void awaitPort(int port) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IOException("the Spark master did not listen on 127.0.0.1:" + port + ": " + Files.readString(log("master")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
