package net.icqtransport.core.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  /** The seconds of pacing the rate holds at its plateau before it grows, measured in steps of 0.25 s. */
  private static double holdOf(LoginRateControl control) {
    double plateau = control.rate();
    double seconds = 0;
    while (control.rate() == plateau) {
      control.grow(0.25);
      seconds += 0.25;
      if (seconds > 1000) {
        throw new AssertionError("never grows");
      }
    }
    return seconds - 0.25;
  }

  /** Before (issue #20) the rate went to 0.85 of the refused pace and took 10 s to grow back under it. */
  @Test
  void aRefusalBringsTheRateJustUnderTheRefusedPaceAtOnceThenItHoldsAndProbesByAFifthPerSecond() {
    LoginRateControl control = new LoginRateControl(LearnedLoginRate.startingAt(205), 2);
    control.refused(200);
    assertEquals(189, control.rate(), 1e-9, "5 % and one login per second under it");
    assertEquals(OptionalDouble.of(200), control.ceiling());
    control.grow(LoginRateControl.SHORT_HOLD_SECONDS);
    assertEquals(189, control.rate(), 1e-9, "held, the first refusal for a few seconds");
    control.grow(1);
    assertEquals(189 * 1.2, control.rate(), 1e-9, "then a fifth more per second");
    control.grow(1);
    assertEquals(189 * 1.2 * 1.2, control.rate(), 1e-9, "past the ceiling too: the limit may have risen");
  }

  /**
   * A limit that stays put is probed less and less often; one that drops is probed again soon, in case it comes
   * back. Before (issue #20) every hold was a minute, and a limit that dropped and came back was found minutes
   * later.
   */
  @Test
  void refusalsAtTheCeilingDoubleTheHoldUpToAMinuteAndADropShortensIt() {
    LoginRateControl control = new LoginRateControl(LearnedLoginRate.startingAt(205), 2);
    control.refused(200);
    assertEquals(LoginRateControl.SHORT_HOLD_SECONDS, holdOf(control));
    control.refused(202);
    assertEquals(2 * LoginRateControl.SHORT_HOLD_SECONDS, holdOf(control), "the ceiling confirmed");
    control.refused(195);
    assertEquals(4 * LoginRateControl.SHORT_HOLD_SECONDS, holdOf(control), "within 5 % of it: confirmed");
    for (int i = 0; i < 10; i++) {
      control.refused(200);
    }
    assertEquals(LoginRateControl.HOLD_SECONDS, holdOf(control), "never more than a minute");
    control.refused(120);
    assertEquals(113, control.rate(), 1e-9, "just under the new ceiling");
    assertEquals(LoginRateControl.SHORT_HOLD_SECONDS, holdOf(control), "the limit dropped");
    while (control.rate() < 275) {
      control.grow(0.25); // probing: the server's new limit is 250
    }
    control.refused(250);
    assertEquals(0.95 * 250 - 1, control.rate(), 1e-9);
    assertEquals(2 * LoginRateControl.SHORT_HOLD_SECONDS, holdOf(control),
        "a probe found more room: the limit came back, no reason to look again as soon");
  }

  /** A probe that finds no limit up to four times the ceiling grows additively from there (issue #20 review). */
  @Test
  void aProbeForgetsACeilingFourTimesBelowItAndGrowsAdditively() {
    LoginRateControl control = new LoginRateControl(LearnedLoginRate.startingAt(105), 2);
    control.refused(100);
    control.grow(LoginRateControl.SHORT_HOLD_SECONDS);
    while (control.ceiling().isPresent()) {
      control.grow(0.01);
      assertTrue(control.rate() < 401, "at " + control.rate() + ": no further than four times the ceiling");
    }
    double forgotten = control.rate();
    control.grow(10);
    assertEquals(forgotten + 20, control.rate(), 1e-9, "2 per second more, as without a ceiling");
  }

  @Test
  void aStartUnderALearnedCeilingHoldsAMinute() {
    LoginRateControl control = new LoginRateControl(new LearnedLoginRate(189, OptionalDouble.of(200)), 2);
    assertEquals(LoginRateControl.HOLD_SECONDS, holdOf(control));
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
