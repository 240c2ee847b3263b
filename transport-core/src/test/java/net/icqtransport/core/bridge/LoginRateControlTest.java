package net.icqtransport.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalDouble;
import net.icqtransport.core.registration.LearnedLoginRate;
import org.junit.jupiter.api.Test;

class LoginRateControlTest {

  @Test
  void withoutACeilingTheRateGrowsByTheIncreasePerSecond() {
    LoginRateControl control = new LoginRateControl(LearnedLoginRate.startingAt(10), 2);
    control.grow(5);
    assertEquals(20, control.rate(), 1e-9);
  }

  @Test
  void aRefusalDecreasesAndTheRateGrowsBackQuicklyToJustUnderItThenProbesSlowly() {
    LoginRateControl control = new LoginRateControl(LearnedLoginRate.startingAt(205), 2);
    control.refused(200);
    assertEquals(170, control.rate(), 1e-9, "0.85 of the pace refused");
    assertEquals(OptionalDouble.of(200), control.ceiling());
    control.grow(10);
    assertEquals(189, control.rate(), 1e-9, "5 % and one login per second under the ceiling, reached in 9.5 s");
    control.grow(LoginRateControl.HOLD_SECONDS);
    assertEquals(189, control.rate(), 1e-9, "held there for a minute of pacing: a restart stays clear of the ceiling");
    control.grow(10);
    assertEquals(190, control.rate(), 1e-9, "then 0.05 % of the ceiling per second");
    control.grow(1000);
    assertEquals(200, control.rate(), 1e-9, "up to the ceiling");
    control.grow(1);
    assertEquals(202, control.rate(), 1e-9, "no refusal at the ceiling: the server takes more, grow again");
    control.grow(4);
    assertEquals(OptionalDouble.empty(), control.ceiling(), "5 % above it, the ceiling is forgotten");
  }

  /** A refusal while probing starts the hold again at the new plateau. */
  @Test
  void aRefusalStartsTheHoldAgain() {
    LoginRateControl control = new LoginRateControl(new LearnedLoginRate(189, OptionalDouble.of(200)), 2);
    control.grow(LoginRateControl.HOLD_SECONDS + 10);
    assertEquals(190, control.rate(), 1e-9, "probing");
    control.refused(190);
    control.grow(30);
    double plateau = 0.95 * 190 - 1;
    assertEquals(plateau, control.rate(), 1e-9);
    control.grow(LoginRateControl.HOLD_SECONDS - 20);
    assertEquals(plateau, control.rate(), 1e-9, "held");
  }

  @Test
  void atAFewLoginsPerSecondTheMarginIsOneLoginButNeverBelowTheDecrease() {
    LoginRateControl control = new LoginRateControl(LearnedLoginRate.startingAt(8), 2);
    control.refused(10);
    control.grow(10);
    assertEquals(8.5, control.rate(), 1e-9);
  }

  @Test
  void aStartFromALearnedRateBeginsJustUnderItsCeiling() {
    assertEquals(189, new LoginRateControl(new LearnedLoginRate(199, OptionalDouble.of(200)), 2).rate(), 1e-9);
    assertEquals(189, new LoginRateControl(new LearnedLoginRate(170, OptionalDouble.of(200)), 2).rate(), 1e-9,
        "the rate just after a decrease is no place to restart from: pacing would leave it within seconds");
    assertEquals(150, new LoginRateControl(new LearnedLoginRate(150, OptionalDouble.empty()), 2).rate(), 1e-9,
        "without a ceiling, the rate learned");
  }

  @Test
  void refusalsBringTheRateDownToOneLoginEveryThirtySecondsAtMost() {
    LoginRateControl control = new LoginRateControl(LearnedLoginRate.startingAt(10), 2);
    for (int i = 0; i < 100; i++) {
      control.refused(control.rate());
    }
    assertEquals(LoginRateControl.MIN_RATE, control.rate(), 1e-12);
  }

  @Test
  void noIncreaseMeansAFixedPace() {
    LoginRateControl control = new LoginRateControl(LearnedLoginRate.startingAt(10), 0);
    control.grow(100);
    assertEquals(10, control.rate());
    assertThrows(IllegalArgumentException.class, () -> new LoginRateControl(LearnedLoginRate.startingAt(10), -1));
  }
}
