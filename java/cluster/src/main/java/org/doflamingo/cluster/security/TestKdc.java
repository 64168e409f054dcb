package org.doflamingo.cluster.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.server.SimpleKdcServer;
import org.doflamingo.cluster.ClusterException;
import org.doflamingo.cluster.Ports;

/**
 * A real Kerberos KDC in this JVM: Apache Kerby's {@link SimpleKdcServer} (what Kafka's own tests
 * reach through MiniKdc), TCP only on 127.0.0.1, realm {@value #REALM}, with its
 * {@code krb5.conf} written for the brokers' and the clients' JVMs. Principals are made with a
 * keytab each. {@link #close()} stops it.
 */
public final class TestKdc implements AutoCloseable {
  public static final String REALM = "DOFLAMINGO.TEST";

  private final SimpleKdcServer kdc;
  private final Path dir;
  private final Path krb5Conf;

  private TestKdc(SimpleKdcServer kdc, Path dir, Path krb5Conf) {
    this.kdc = kdc;
    this.dir = dir;
    this.krb5Conf = krb5Conf;
  }

  /** Starts a KDC with its database and {@code krb5.conf} under {@code dir}. */
  public static TestKdc start(Path dir) {
    Path work = dir.toAbsolutePath();
    try {
      Files.createDirectories(work);
      SimpleKdcServer kdc = new SimpleKdcServer();
      kdc.setWorkDir(work.toFile());
      kdc.setKdcRealm(REALM);
      kdc.setKdcHost(Ports.HOST);
      kdc.setAllowUdp(false);
      kdc.setKdcTcpPort(Ports.free());
      kdc.init();
      kdc.start();
      Path conf = work.resolve("krb5.conf");
      if (!Files.isRegularFile(conf)) throw new ClusterException("the KDC wrote no krb5.conf under " + work);
      return new TestKdc(kdc, work, conf);
    } catch (KrbException | IOException e) {
      throw new ClusterException("cannot start the test KDC under " + work + ": " + e, e);
    }
  }

  /** The {@code krb5.conf} naming this KDC: every JVM that logs in needs it ({@code java.security.krb5.conf}). */
  public Path krb5Conf() {
    return krb5Conf;
  }

  /**
   * Makes {@code principal} (without the realm: {@code kafka/localhost}, {@code monitor}) with a
   * random key, exported to {@code <name>.keytab}; returns the keytab.
   */
  public Path principal(String principal) {
    Path keytab = dir.resolve(principal.replace('/', '_') + ".keytab");
    try {
      Files.deleteIfExists(keytab);
      kdc.createAndExportPrincipals(keytab.toFile(), principal);
      return keytab;
    } catch (KrbException | IOException e) {
      throw new ClusterException("cannot make principal " + principal + ": " + e, e);
    }
  }

  /** {@code principal@REALM}. */
  public static String qualified(String principal) {
    return principal + "@" + REALM;
  }

  @Override
  public void close() {
    try {
      kdc.stop();
    } catch (KrbException e) {
      throw new ClusterException("cannot stop the test KDC: " + e, e);
    }
  }
}
