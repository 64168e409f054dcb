package org.doflamingo.query.flume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.doflamingo.config.FlumeAgentConfig;

/**
 * The agents' {@link FlumeTopology topologies}, each read from its {@code configFile} and read
 * again when the file's modification time or size changes, so an agent reconfigured on its
 * machine (Flume re-reads its file every 30 s by default) is drawn as it now runs. A file that
 * cannot be read or parsed gives an error naming the configuration field, never an exception: the
 * other agents, and the collection of this one's metrics, go on. Safe from many threads.
 */
public final class FlumeTopologies {
  /** A topology, or why there is none. Exactly one of the two is null when a configFile is given; both without. */
  public static final class Result {
    public final FlumeTopology topology;
    public final String error;

    Result(FlumeTopology topology, String error) {
      this.topology = topology;
      this.error = error;
    }
  }

  private static final class Entry {
    final FileTime modified;
    final long size;
    final Result result;

    Entry(FileTime modified, long size, Result result) {
      this.modified = modified;
      this.size = size;
      this.result = result;
    }
  }

  private static final Result NONE = new Result(null, null);
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  /** The agent's topology as its file now reads; no topology and no error when it has no configFile. */
  public Result get(FlumeAgentConfig agent) {
    if (agent.configFile == null) return NONE;
    String key = agent.name;
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(agent.configFile, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      cache.remove(key);
      return new Result(null, agent.configFileField + ": " + agent.configFile + " does not exist");
    } catch (IOException | SecurityException e) {
      cache.remove(key);
      return new Result(null, agent.configFileField + ": cannot read " + agent.configFile + ": " + e.getMessage());
    }
    // FileTime keeps the file system's full precision (ns on ext4): two saves in one ms differ.
    FileTime modified = attrs.lastModifiedTime();
    Entry e = cache.get(key);
    if (e != null && e.modified.equals(modified) && e.size == attrs.size()) return e.result;
    Result r;
    try {
      r = new Result(FlumeTopology.read(agent.configFile, agent.agentName), null);
    } catch (IOException | SecurityException ex) {
      r = new Result(null, agent.configFileField + ": " + ex.getMessage());
    }
    cache.put(key, new Entry(modified, attrs.size(), r));
    return r;
  }
}
