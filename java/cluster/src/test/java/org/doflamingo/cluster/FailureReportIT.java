package org.doflamingo.cluster;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;

import org.junit.jupiter.api.Test;

/** A member that cannot start fails the wait at once, with the tail of its log in the message. */
class FailureReportIT {

  @Test
  void deadMemberFailsTheWaitWithItsLogTail() {
    Path dir = Dirs.fresh(Paths.get("target", "it", "failure"));
    JvmProcess zk = new JvmProcess("broken-zookeeper", ApacheRuntime.ZOOKEEPER, JvmProcess.baseOptions("64m"),
        "org.apache.zookeeper.server.quorum.QuorumPeerMain",
        Collections.singletonList(dir.resolve("missing.cfg").toString()), dir, dir.resolve("broken.log"));
    zk.start();
    try {
      ClusterException e = assertThrows(ClusterException.class,
          () -> Await.until("a server that will never serve", Duration.ofSeconds(60), () -> false, zk));
      assertTrue(e.getMessage().contains("broken-zookeeper died"), e.getMessage());
      assertTrue(e.getMessage().contains("missing.cfg file is missing"), e.getMessage());
    } finally {
      zk.kill();
    }
  }
}
