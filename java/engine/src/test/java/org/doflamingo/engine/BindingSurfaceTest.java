package org.doflamingo.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.doflamingo.engine.jni.DoflamingoNative;
import org.doflamingo.engine.jni.NativeOptions;
import org.junit.jupiter.api.Test;

/** doflamingo.i is an allow-list: what engine_binding.h declares crosses JNI only when named there. */
class BindingSurfaceTest {
  private static Set<String> publicMethods(Class<?> c) {
    return Arrays.stream(c.getDeclaredMethods())
        .filter(m -> Modifier.isPublic(m.getModifiers()))
        .map(Method::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void onlyTheNamedFunctionsAndMembersAreWrapped() {
    // toModifiedUtf8 is public in engine_binding.h but not named in the allow-list.
    assertEquals(new TreeSet<>(Arrays.asList("defaultTiers", "describeRetentionClass", "setLogHandler")), publicMethods(DoflamingoNative.class));
    // NativeOptions::options() (the C++ side's accessor) does not cross.
    Set<String> options = publicMethods(NativeOptions.class);
    options.remove("delete");
    assertEquals(new TreeSet<>(Arrays.asList("addRetentionClass", "setBackpressureTimeoutMs", "setDataDir",
        "setEventMaxAgeSeconds", "setEventMaxBytes", "setEventSegmentBytes", "setFlushBatch",
        "setFlushMaxDelaySeconds", "setFlusherThreads", "setFutureToleranceSeconds", "setHeartbeatSeconds",
        "setJournalFsync", "setJournalSegmentBytes", "setLiveWindowSeconds", "setMaxBufferedSamples",
        "setRrdcachedAddress", "setTiers")), options);
  }
}
