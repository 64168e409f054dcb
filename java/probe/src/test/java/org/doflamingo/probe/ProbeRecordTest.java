package org.doflamingo.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProbeRecordTest {
  @Test
  void roundTripsAndRefusesWhatIsNotARecord() {
    byte[] v = new ProbeRecord(-42L, 7, 1_700_000_000_123L).encode();
    assertEquals(ProbeRecord.SIZE, v.length);
    ProbeRecord r = ProbeRecord.decode(v);
    assertEquals(-42L, r.session);
    assertEquals(7, r.sequence);
    assertEquals(1_700_000_000_123L, r.timestampMs);
    assertNull(ProbeRecord.decode(null));
    assertNull(ProbeRecord.decode("hello".getBytes(StandardCharsets.UTF_8)));
    byte[] other = v.clone();
    other[0] = 'X';
    assertNull(ProbeRecord.decode(other));
    assertNull(ProbeRecord.decode(new ProbeRecord(1, -1, 0).encode()), "no negative sequence");
  }
}
