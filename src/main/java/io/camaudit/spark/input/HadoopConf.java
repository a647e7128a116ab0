package io.camaudit.spark.input;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * A Hadoop {@link Configuration} that travels to executors with a task's closure.
 *
 * <p>Spark ships a task's whole lineage with every task, so a configuration in the explain stage's
 * closure also travels with every task of every later stage over its cached results. Rebuilding a
 * {@code Configuration} from its bytes takes about 100 ms; each executor JVM therefore rebuilds a
 * given configuration once and shares it, keyed by the digest of its bytes. The configuration
 * returned by {@link #get} on an executor is shared: read it, never change it.
 */
public final class HadoopConf implements Serializable {

  private static final long serialVersionUID = 2L;

  /** Configurations rebuilt in this JVM, by digest; the few most recent. */
  private static final Map<String, Configuration> REBUILT =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Configuration> eldest) {
          return size() > 8;
        }
      };

  private transient Configuration conf;

  public HadoopConf(Configuration conf) {
    this.conf = conf;
  }

  public Configuration get() {
    return conf;
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream data = new DataOutputStream(bytes)) {
      conf.write(data);
    }
    byte[] serialized = bytes.toByteArray();
    out.writeUTF(digest(serialized));
    out.writeInt(serialized.length);
    out.write(serialized);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    String digest = in.readUTF();
    byte[] serialized = new byte[in.readInt()];
    in.readFully(serialized);
    synchronized (REBUILT) {
      conf = REBUILT.get(digest);
      if (conf == null) {
        conf = new Configuration(false);
        conf.readFields(new DataInputStream(new ByteArrayInputStream(serialized)));
        REBUILT.put(digest, conf);
      }
    }
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
