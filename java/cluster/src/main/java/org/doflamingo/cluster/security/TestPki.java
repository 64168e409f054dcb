package org.doflamingo.cluster.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.doflamingo.cluster.ClusterException;

/**
 * Certificates made for a test run with the JDK's own {@code keytool} (no library, nothing
 * fetched): a CA, a server key store whose certificate names 127.0.0.1 and localhost (so host
 * names are verified, as a client does by default), a client key store for mutual TLS, a trust
 * store of the CA, and a trust store of another CA that signed none of them (the "untrusted
 * certificate" case). All PKCS12, valid two days, under one folder, with one random password
 * that is written to {@code store.password} beside them (for configurations that read a file).
 */
public final class TestPki {
  private final Path dir;
  private final String password;

  private TestPki(Path dir, String password) {
    this.dir = dir;
    this.password = password;
  }

  /** Makes the stores under {@code dir} (created; earlier files replaced). About 15 keytool runs. */
  public static TestPki create(Path dir) {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    StringBuilder pw = new StringBuilder();
    for (byte b : random) pw.append(String.format("%02x", b));
    TestPki pki = new TestPki(dir.toAbsolutePath(), pw.toString());
    try {
      Files.createDirectories(pki.dir);
      for (String f : new String[] {"ca.p12", "other-ca.p12", "truststore.p12", "untrusted-truststore.p12", "server.p12",
          "client.p12"}) {
        Files.deleteIfExists(pki.dir.resolve(f));
      }
      Files.write(pki.passwordFile(), pki.password.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ClusterException("cannot prepare " + pki.dir + ": " + e, e);
    }
    pki.authority("ca", "CN=Doflamingo Test CA");
    pki.authority("other-ca", "CN=Doflamingo Other CA");
    pki.trustStore("ca", "truststore.p12");
    pki.trustStore("other-ca", "untrusted-truststore.p12");
    pki.signed("server", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
    pki.signed("client", "CN=doflamingo-client", null);
    return pki;
  }

  /** The broker's key store (its certificate signed by the CA, for 127.0.0.1 and localhost). */
  public Path serverKeyStore() {
    return dir.resolve("server.p12");
  }

  /** A client's key store for mutual TLS, signed by the same CA. */
  public Path clientKeyStore() {
    return dir.resolve("client.p12");
  }

  /** The CA's certificate: trusts the server and the client. */
  public Path trustStore() {
    return dir.resolve("truststore.p12");
  }

  /** Another CA's certificate only: trusts neither. */
  public Path untrustedTrustStore() {
    return dir.resolve("untrusted-truststore.p12");
  }

  /** Every store's password (and every key's). */
  public String password() {
    return password;
  }

  /** A file holding {@link #password()}, for {@code passwordFile}. */
  public Path passwordFile() {
    return dir.resolve("store.password");
  }

  private void authority(String alias, String dname) {
    keytool("-genkeypair", "-alias", alias, "-dname", dname, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-ext", "bc:c", "-keystore", alias + ".p12", "-storetype", "PKCS12", "-storepass", password);
    keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", alias + ".p12", "-storepass", password, "-file", alias + ".pem");
  }

  private void trustStore(String ca, String file) {
    keytool("-importcert", "-noprompt", "-alias", ca, "-file", ca + ".pem", "-keystore", file, "-storetype", "PKCS12",
        "-storepass", password);
  }

  private void signed(String alias, String dname, String san) {
    String store = alias + ".p12";
    keytool("-genkeypair", "-alias", alias, "-dname", dname, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-keystore", store, "-storetype", "PKCS12", "-storepass", password);
    keytool("-certreq", "-alias", alias, "-keystore", store, "-storepass", password, "-file", alias + ".csr");
    List<String> gencert = new ArrayList<>(Arrays.asList("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass",
        password, "-infile", alias + ".csr", "-outfile", alias + ".pem", "-validity", "2", "-ext", "EKU=serverAuth,clientAuth"));
    if (san != null) {
      gencert.add("-ext");
      gencert.add(san);
    }
    keytool(gencert.toArray(new String[0]));
    // the chain: the CA first, so the signed certificate is accepted as a reply to the request
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", store, "-storepass", password);
    keytool("-importcert", "-noprompt", "-alias", alias, "-file", alias + ".pem", "-keystore", store, "-storepass", password);
  }

  private void keytool(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(Arrays.asList(args));
    Path out = dir.resolve("keytool.log");
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new ClusterException("keytool " + args[0] + " took over 60 s");
      }
      if (p.exitValue() != 0) {
        throw new ClusterException("keytool " + args[0] + " " + args[2] + " exited with " + p.exitValue() + "; see " + out);
      }
    } catch (IOException e) {
      throw new ClusterException("cannot run keytool: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while running keytool", e);
    }
  }
}
