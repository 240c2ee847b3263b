package net.icqtransport.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.MoreExecutors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.registration.LearnedLoginRate;
import net.icqtransport.core.registration.LoginRateStore;
import net.icqtransport.core.registration.StoreException;
import net.icqtransport.core.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

class LoginRateRecorderTest {

  private int accounts;

  /** Another account each time: logins of different users. */
  private LegacyContactId account() {
    return new LegacyContactId(String.valueOf(100_000 + accounts++));
  }

  private static final String SERVER = "login.icq.example:5190";

  private final ManualScheduler scheduler = new ManualScheduler();
  private final RecordingStore store = new RecordingStore();

  /** Keeps the last rate per server and every write. */
  private static final class RecordingStore implements LoginRateStore {
    final List<LearnedLoginRate> writes = new ArrayList<>();
    Optional<LearnedLoginRate> kept = Optional.empty();
    boolean broken;

    @Override
    public Optional<LearnedLoginRate> find(String loginServer) {
      if (broken) {
        throw new StoreException("the database does not answer", null);
      }
      return kept;
    }

    @Override
    public void save(String loginServer, LearnedLoginRate rate) {
      if (broken) {
        throw new StoreException("the database does not answer", null);
      }
      writes.add(rate);
      kept = Optional.of(rate);
    }
  }

  private LoginPacer pacer(LearnedLoginRate start) {
    return new LoginPacer(start, LoginPacer.DEFAULT_INCREASE, 1, Duration.ofMinutes(5), scheduler,
        scheduler::nanoTime);
  }

  @Test
  void aStartBeginsAtWhatWasLearnedElseAtTheConfiguredRate() {
    assertEquals(LearnedLoginRate.startingAt(10), LoginRateRecorder.startingRate(store, SERVER, 10));
    store.kept = Optional.of(new LearnedLoginRate(170, OptionalDouble.of(200)));
    assertEquals(new LearnedLoginRate(170, OptionalDouble.of(200)), LoginRateRecorder.startingRate(store, SERVER, 10));
    store.broken = true;
    assertEquals(LearnedLoginRate.startingAt(10), LoginRateRecorder.startingRate(store, SERVER, 10));
  }

  @Test
  void writesWhatChangedAtMostOncePerPeriodAndNothingWhileNothingChanges() {
    LearnedLoginRate start = LearnedLoginRate.startingAt(10);
    LoginPacer pacer = pacer(start);
    LoginRateRecorder.start(pacer, store, SERVER, start, scheduler, MoreExecutors.directExecutor(),
        Duration.ofSeconds(5));
    scheduler.advance(Duration.ofMinutes(1));
    assertEquals(List.of(), store.writes, "an idle pacer learns nothing: nothing to write");

    for (int i = 0; i < 1000; i++) { // logins waiting: the rate grows with every slot
      pacer.nextSlot(account());
    }
    scheduler.advance(Duration.ofSeconds(20));
    assertEquals(4, store.writes.size(), "one write per 5 s while the rate grows: " + store.writes);
    assertEquals(pacer.learned().orElseThrow().loginsPerSecond(), store.writes.get(3).loginsPerSecond(), 2.0 * 5);
  }

  @Test
  void aDecreaseIsWrittenAndCloseWritesTheLastChange() {
    LearnedLoginRate start = LearnedLoginRate.startingAt(10);
    LoginPacer pacer = pacer(start);
    LoginRateRecorder recorder = LoginRateRecorder.start(pacer, store, SERVER, start, scheduler,
        MoreExecutors.directExecutor(), Duration.ofSeconds(5));
    List<LoginSlot> slots = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      pacer.nextSlot(account()).thenAccept(slots::add);
    }
    scheduler.advance(Duration.ofMillis(200));
    assertTrue(pacer.rateLimited(slots.get(2)));
    scheduler.advance(Duration.ofSeconds(5));
    assertEquals(1, store.writes.size());
    double refusedAt = slots.get(2).pace(); // a bit above 10: the rate grew while the three waited
    assertEquals(new LearnedLoginRate(0.95 * refusedAt - 1, OptionalDouble.of(refusedAt)), store.writes.get(0),
        "just under it");

    for (int i = 0; i < 3; i++) {
      pacer.nextSlot(account()).thenAccept(slots::add);
    }
    scheduler.advance(Duration.ofMillis(300));
    assertTrue(pacer.rateLimited(slots.get(5)));
    recorder.close(); // before the next look
    assertEquals(2, store.writes.size());
    assertEquals(pacer.learned().orElseThrow(), store.writes.get(1));
    scheduler.advance(Duration.ofMinutes(1));
    assertEquals(2, store.writes.size(), "no looks after the close");
  }

  @Test
  void aStoreThatFailsIsTriedAgainAtTheNextLook() {
    LearnedLoginRate start = LearnedLoginRate.startingAt(10);
    LoginPacer pacer = pacer(start);
    LoginRateRecorder.start(pacer, store, SERVER, start, scheduler, MoreExecutors.directExecutor(),
        Duration.ofSeconds(5));
    store.broken = true;
    for (int i = 0; i < 1000; i++) {
      pacer.nextSlot(account());
    }
    scheduler.advance(Duration.ofSeconds(6));
    assertEquals(List.of(), store.writes);
    store.broken = false;
    scheduler.advance(Duration.ofSeconds(5));
    assertEquals(1, store.writes.size());
  }
}
