package org.opencloudengine.flamingo2.doflamingo.web;

import org.doflamingo.query.Area;
import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /monitoring/zookeeper}: servers: role, latency, connections, znodes, watches. */
@RestController
@RequestMapping("/monitoring/zookeeper")
public class ZooKeeperController extends AreaController {
  @Autowired
  public ZooKeeperController(DoflamingoMonitor monitor) {
    super(monitor, Area.ZOOKEEPER);
  }
}
