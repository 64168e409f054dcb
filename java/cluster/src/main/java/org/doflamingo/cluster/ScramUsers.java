package org.doflamingo.cluster;

import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/** SCRAM users of a test cluster, ZooKeeper mode or KRaft alike. */
final class ScramUsers {
  private ScramUsers() {}

  /**
   * Stores SCRAM credentials of {@code user} for {@code mechanism} ({@code SCRAM-SHA-256} or
   * {@code SCRAM-SHA-512}) and waits until the cluster answers with them (in ZooKeeper mode they
   * reach the brokers by a change notification, in KRaft mode through the metadata log).
   */
  static void create(Admin admin, String user, String mechanism, String password) throws Exception {
    ScramMechanism m = ScramMechanism.fromMechanismName(mechanism);
    if (m == ScramMechanism.UNKNOWN) throw new IllegalArgumentException("not a SCRAM mechanism: " + mechanism);
    admin.alterUserScramCredentials(Collections.<UserScramCredentialAlteration>singletonList(
        new UserScramCredentialUpsertion(user, new ScramCredentialInfo(m, 4096), password))).all().get(30, TimeUnit.SECONDS);
    Await.until("SCRAM credentials of " + user + " (" + mechanism + ") stored", Duration.ofSeconds(30), () -> {
      for (ScramCredentialInfo i : admin.describeUserScramCredentials(Collections.singletonList(user)).description(user)
          .get(10, TimeUnit.SECONDS).credentialInfos()) {
        if (i.mechanism() == m) return true;
      }
      return false;
    });
  }
}
