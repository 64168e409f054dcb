package org.doflamingo.collect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.doflamingo.config.TlsStore;

/**
 * TLS sockets from a target's own trust and key stores (ZooKeeper's secure client port and
 * AdminServer HTTPS), not the JVM-wide ones: two ensembles may trust different CAs.
 */
public final class TlsSockets {
  private TlsSockets() {
  }

  /**
   * A socket factory trusting {@code trust} (null: the JVM's trust) and showing {@code key} (null:
   * no client certificate).
   *
   * @throws CollectException naming {@code target} and the store that cannot be loaded
   */
  public static SSLSocketFactory of(String target, TlsStore trust, TlsStore key) throws CollectException {
    try {
      TrustManagerFactory tmf = null;
      if (trust != null) {
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(target, trust));
      }
      KeyManagerFactory kmf = null;
      if (key != null) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        String pw = key.keyPassword() != null ? key.keyPassword() : key.password();
        kmf.init(load(target, key), pw == null ? null : pw.toCharArray());
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new CollectException(target + ": cannot set up TLS: " + e);
    }
  }

  private static KeyStore load(String target, TlsStore store) throws CollectException {
    try (InputStream in = Files.newInputStream(store.path)) {
      KeyStore ks = KeyStore.getInstance(store.type);
      ks.load(in, store.password() == null ? null : store.password().toCharArray());
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      // a wrong password shows as an IOException of the keystore's integrity check
      throw new CollectException(target + ": cannot load the " + store.type + " store " + store.path + ": " + e.getMessage());
    }
  }
}
