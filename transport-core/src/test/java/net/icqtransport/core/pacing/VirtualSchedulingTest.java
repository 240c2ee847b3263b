package net.icqtransport.core.pacing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VirtualSchedulingTest {
  private static final long MS = 1_000_000;
  /** Near the end of the long range: the clock wraps during the tests. */
  private static final long T0 = Long.MAX_VALUE - 5 * MS;

  @Test
  void turnsComeOneIntervalApartAndMayGoEarlyByTheTolerance() {
    VirtualScheduling schedule = new VirtualScheduling(Duration.ZERO);
    assertEquals(T0, schedule.earliest(T0, 0), "the first at once");
    schedule.take(T0, 10 * MS);
    assertEquals(T0 + 10 * MS, schedule.earliest(T0, 0));
    assertEquals(T0 + 5 * MS, schedule.earliest(T0, 5 * MS), "5 ms early");
    assertEquals(T0, schedule.earliest(T0, 20 * MS), "never before now");
    schedule.take(T0, 10 * MS);
    assertEquals(T0 + 20 * MS, schedule.earliest(T0, 0));
  }

  @Test
  void afterAQuietTimeTheScheduleStartsFromNow() {
    VirtualScheduling schedule = new VirtualScheduling(Duration.ZERO);
    schedule.take(T0, 10 * MS);
    long later = T0 + 1000 * MS;
    schedule.take(later, 10 * MS);
    assertEquals(later + 10 * MS, schedule.earliest(later, 0), "the quiet second is not made up");
  }

  @Test
  void aTurnTakenLateWithinTheCatchUpKeepsTheSchedule() {
    VirtualScheduling schedule = new VirtualScheduling(Duration.ofMillis(25));
    schedule.take(T0, 10 * MS);
    long late = T0 + 13 * MS; // due at 10 ms
    assertEquals(late, schedule.earliest(late, 0));
    schedule.take(late, 10 * MS);
    assertEquals(T0 + 20 * MS, schedule.earliest(late, 0), "the next keeps its time, 7 ms after the late one");
    long paused = T0 + 100 * MS;
    schedule.take(paused, 10 * MS);
    assertEquals(paused + 10 * MS, schedule.earliest(paused, 0), "a pause longer than 25 ms is not made up");
    assertThrows(IllegalArgumentException.class, () -> new VirtualScheduling(Duration.ofMillis(-1)));
  }
}
