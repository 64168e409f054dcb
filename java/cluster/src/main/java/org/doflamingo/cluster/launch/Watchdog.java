package org.doflamingo.cluster.launch;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * First main class of every child JVM: {@code Watchdog <real main class> <args...>}. It watches
 * standard input, a pipe whose other end only the parent (the harness) holds; when the parent dies,
 * even by {@code kill -9}, the pipe reaches end of file and the child halts at once. So no ZooKeeper,
 * Kafka or Flume process outlives the JVM that started it. Java 8 API only and no other class: this
 * file is copied alone next to the runtime's classpath.
 */
public final class Watchdog implements Runnable {

  public static void main(String[] args) throws Throwable {
    if (args.length < 1) {
      System.err.println("usage: Watchdog <main class> [args...]");
      System.exit(2);
    }
    Thread watcher = new Thread(new Watchdog(), "doflamingo-parent-watchdog");
    watcher.setDaemon(true);
    watcher.start();
    Class<?> main = Class.forName(args[0]);
    Method m = main.getMethod("main", String[].class);
    try {
      m.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (java.lang.reflect.InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public void run() {
    InputStream in = System.in;
    byte[] buf = new byte[64];
    try {
      while (in.read(buf) >= 0) {
        // the parent never writes; anything read is ignored
      }
    } catch (Throwable ignored) {
      // a broken pipe means the same: the parent is gone
    }
    System.err.println("doflamingo watchdog: parent process gone, halting");
    Runtime.getRuntime().halt(143);
  }
}
