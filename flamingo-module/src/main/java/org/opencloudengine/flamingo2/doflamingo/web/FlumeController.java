package org.opencloudengine.flamingo2.doflamingo.web;

import org.opencloudengine.flamingo2.doflamingo.DoflamingoMonitor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /monitoring/flume}: agents: sources, channels, sinks. */
@RestController
@RequestMapping("/monitoring/flume")
public class FlumeController extends AreaController {
  @Autowired
  public FlumeController(DoflamingoMonitor monitor) {
    super(monitor, Area.FLUME);
  }
}
