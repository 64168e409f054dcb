package org.doflamingo.scale;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The cluster's live traffic, in a JVM of its own (so its CPU and memory are not Doflamingo's):
 * one producer writing {@code rate} records a second round-robin over the written topics'
 * partitions, and {@code live} consumers, each the only member of its own group
 * ({@link GroupPlan#liveGroup}) on one written topic, auto-committing. The first {@code lagging}
 * of them read at most one record every 2 s, so they fall ever further behind. A few threads poll
 * all consumers in turn (each consumer always on the same thread); the heartbeats are the
 * clients' own threads.
 *
 * <pre>LoadMain BOOTSTRAP TOPIC,TOPIC,... PARTITIONS_PER_TOPIC RATE LIVE LAGGING</pre>
 */
public final class LoadMain {
  private static final int POLL_THREADS = 4;

  private LoadMain() {
  }

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    List<String> topics = Arrays.asList(args[1].split(","));
    int partitions = Integer.parseInt(args[2]);
    int rate = Integer.parseInt(args[3]);
    int live = Integer.parseInt(args[4]);
    int lagging = Integer.parseInt(args[5]);
    AtomicLong produced = new AtomicLong();
    AtomicLong consumed = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    if (rate > 0) threads.add(thread("scale-producer", () -> produce(bootstrap, topics, partitions, rate, produced)));
    for (int t = 0; t < Math.min(POLL_THREADS, live); t++) {
      List<Integer> mine = new ArrayList<>();
      for (int i = t; i < live; i += POLL_THREADS) mine.add(i);
      threads.add(thread("scale-consumers-" + t, () -> consume(bootstrap, topics, mine, lagging, consumed)));
    }
    for (Thread t : threads) t.start();
    while (true) {
      Thread.sleep(10_000);
      System.out.printf("load: produced %,d, consumed %,d%n", produced.get(), consumed.get());
    }
  }

  private interface Body {
    void run() throws Exception;
  }

  private static Thread thread(String name, Body body) {
    Thread t = new Thread(() -> {
      try {
        body.run();
      } catch (Exception e) {
        System.err.println(name + " failed: " + e);
        e.printStackTrace();
        Runtime.getRuntime().halt(1); // the harness sees the load JVM gone and says so
      }
    }, name);
    t.setDaemon(true);
    return t;
  }

  private static void produce(String bootstrap, List<String> topics, int partitions, int rate, AtomicLong produced) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    byte[] value = "doflamingo scale load".getBytes(StandardCharsets.UTF_8);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      long sent = 0;
      long start = System.nanoTime();
      while (true) {
        // paced: as many records as the rate allows so far, then a short sleep
        long due = (System.nanoTime() - start) / 1_000_000L * rate / 1000;
        for (; sent < due; sent++) {
          String topic = topics.get((int) (sent % topics.size()));
          producer.send(new ProducerRecord<>(topic, (int) (sent / topics.size() % partitions), null, value));
        }
        produced.set(sent);
        Thread.sleep(50);
      }
    }
  }

  private static void consume(String bootstrap, List<String> topics, List<Integer> mine, int lagging, AtomicLong consumed)
      throws Exception {
    List<KafkaConsumer<byte[], byte[]>> consumers = new ArrayList<>();
    List<Boolean> slow = new ArrayList<>();
    for (int i : mine) {
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      p.put(ConsumerConfig.GROUP_ID_CONFIG, GroupPlan.liveGroup(i));
      p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
      p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
      p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, i < lagging ? "1" : "500");
      p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
      p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "65536");
      p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, "65536");
      p.put(ConsumerConfig.CLIENT_ID_CONFIG, GroupPlan.liveGroup(i));
      KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p);
      c.subscribe(Collections.singletonList(topics.get(i % topics.size())));
      consumers.add(c);
      slow.add(i < lagging);
    }
    long round = 0;
    while (true) {
      for (int k = 0; k < consumers.size(); k++) {
        // a lagging consumer still polls every round (it must, to stay in its group) but takes one record every 2 s
        boolean take = !slow.get(k) || round % 20 == 0;
        KafkaConsumer<byte[], byte[]> c = consumers.get(k);
        if (take) {
          c.resume(c.assignment());
        } else {
          c.pause(c.assignment());
        }
        consumed.addAndGet(c.poll(Duration.ofMillis(take ? 20 : 0)).count());
      }
      round++;
      Thread.sleep(100);
    }
  }
}
