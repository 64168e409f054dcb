package org.doflamingo.cluster.security;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A ZooKeeper server that also takes clients over TLS: a secure client port (Netty, the PKI's
 * server certificate, and client certificates required, ZooKeeper's default {@code ssl.clientAuth})
 * and its AdminServer over HTTPS only ({@code admin.forceHttps}, which reads the
 * {@code ssl.quorum.*} stores). The plain client port stays open for the harness's own readiness
 * checks. A value the ensemble launcher takes ({@code ZooKeeperEnsemble.start(..., secured)}).
 */
public final class SecuredZooKeeper {
  private final TestPki pki;

  private SecuredZooKeeper(TestPki pki) {
    this.pki = pki;
  }

  public static SecuredZooKeeper of(TestPki pki) {
    return new SecuredZooKeeper(pki);
  }

  /** The {@code zoo.cfg} lines of a server whose secure client port is {@code securePort}. */
  public Map<String, String> zooCfg(int securePort) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("secureClientPort", String.valueOf(securePort));
    c.put("serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory");
    for (String prefix : new String[] {"ssl.", "ssl.quorum."}) {
      c.put(prefix + "keyStore.location", pki.serverKeyStore().toString());
      c.put(prefix + "keyStore.password", pki.password());
      c.put(prefix + "keyStore.type", "PKCS12");
      c.put(prefix + "trustStore.location", pki.trustStore().toString());
      c.put(prefix + "trustStore.password", pki.password());
      c.put(prefix + "trustStore.type", "PKCS12");
    }
    c.put("ssl.clientAuth", "need");
    c.put("admin.forceHttps", "true");
    return c;
  }
}
