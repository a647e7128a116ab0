package io.camaudit.it;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server (S3Proxy, filesystem backend) on 127.0.0.1, run as its own JVM, with
 * a random access key and secret; AWS signature checks are on.
 */
public final class S3ProxyServer implements AutoCloseable {

  final String endpoint;
  final String accessKey;
  final String secretKey;
  final Path baseDir;
  private final Process process;

  private S3ProxyServer(
      String endpoint, String accessKey, String secretKey, Path baseDir, Process process) {
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
    this.baseDir = baseDir;
    this.process = process;
  }

  /** Starts the server with the given buckets; its files live under {@code dir}. */
  public static S3ProxyServer start(Path dir, String... buckets) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String endpoint = "http://127.0.0.1:" + port;
    String accessKey = "test-" + UUID.randomUUID().toString().substring(0, 8);
    String secretKey = "secret-" + UUID.randomUUID();
    Path blobs = Files.createDirectories(dir.resolve("blobs"));
    for (String bucket : buckets) {
      Files.createDirectories(blobs.resolve(bucket));
    }
    Path properties = dir.resolve("s3proxy.properties");
    Files.write(
        properties,
        List.of(
            "s3proxy.endpoint=" + endpoint,
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + accessKey,
            "s3proxy.credential=" + secretKey,
            "jclouds.provider=filesystem",
            "jclouds.filesystem.basedir=" + blobs));
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-jar",
                System.getProperty("camaudit.s3proxyJar"),
                "--properties",
                properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("s3proxy.log").toFile())
            .start();
    S3ProxyServer server = new S3ProxyServer(endpoint, accessKey, secretKey, blobs, process);
    try {
      server.awaitUp();
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitUp() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("S3Proxy exited; see its log");
      }
      try {
        HttpURLConnection c =
            (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
        c.setConnectTimeout(500);
        c.getResponseCode();
        return;
      } catch (IOException notYet) {
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("S3Proxy did not start in 60 s");
  }

  /** The server's log. */
  Path logFile() {
    return baseDir.getParent().resolve("s3proxy.log");
  }

  /** The server's configuration, which holds the secret on purpose. */
  Path propertiesFile() {
    return baseDir.getParent().resolve("s3proxy.properties");
  }

  /** Spark settings for S3A against this server (the secret stays out of command lines). */
  public List<String> sparkProperties() {
    return List.of(
        "spark.hadoop.fs.s3a.endpoint=" + endpoint,
        "spark.hadoop.fs.s3a.endpoint.region=us-east-1",
        "spark.hadoop.fs.s3a.path.style.access=true",
        "spark.hadoop.fs.s3a.connection.ssl.enabled=false",
        "spark.hadoop.fs.s3a.aws.credentials.provider="
            + "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "spark.hadoop.fs.s3a.access.key=" + accessKey,
        "spark.hadoop.fs.s3a.secret.key=" + secretKey);
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
