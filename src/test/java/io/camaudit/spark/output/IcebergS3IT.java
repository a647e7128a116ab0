package io.camaudit.spark.output;

import io.camaudit.it.S3ProxyServer;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IcebergStoreContract}'s checks with the Hadoop catalog's warehouse, and the files location
 * under it, on S3: through S3A against S3Proxy on loopback.
 */
class IcebergS3IT extends IcebergStoreContract {

  private static final String HADOOP_PREFIX = "spark.hadoop.";

  private static S3ProxyServer s3;

  @BeforeAll
  static void startS3(@TempDir Path dir) throws Exception {
    s3 = S3ProxyServer.start(dir, "warehouse");
  }

  @AfterAll
  static void stopS3() throws Exception {
    s3.close();
  }

  @Override
  String warehouseUri() {
    return "s3a://warehouse/iceberg";
  }

  @Override
  void configureFileSystem(SparkSession spark) {
    for (String property : s3.sparkProperties()) {
      String[] kv = property.split("=", 2);
      spark
          .sparkContext()
          .hadoopConfiguration()
          .set(kv[0].substring(HADOOP_PREFIX.length()), kv[1]);
    }
  }
}
