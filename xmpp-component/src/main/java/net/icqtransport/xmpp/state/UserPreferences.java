package net.icqtransport.xmpp.state;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.icqtransport.core.legacy.LegacyStatus;
import net.icqtransport.core.user.UserAddress;

/**
 * What each user chose through the ad-hoc commands (XEP-0050): a status message and invisibility that
 * override what their client sends. In memory, for the running transport: like a client's own presence they
 * are chosen anew after a restart. (The legacy codepage is stored with the registration by the gateway.)
 *
 * <p>{@link #effectiveStatus} and {@link #effectiveStatusText} are the one place the overrides are applied;
 * whatever passes a user's presence to the gateway calls them.
 */
public final class UserPreferences {

  private record Choices(String statusMessage, boolean invisible) {
    static final Choices NONE = new Choices(null, false);
  }

  private final Map<UserAddress, Choices> choices = new ConcurrentHashMap<>();

  /** The status message that replaces the client's, if the user set one. */
  public Optional<String> statusMessage(UserAddress user) {
    return Optional.ofNullable(of(user).statusMessage());
  }

  /** Sets the status message override; null or blank removes it. */
  public void setStatusMessage(UserAddress user, String text) {
    String value = text == null || text.isBlank() ? null : text;
    choices.compute(user, (u, old) -> tidy(new Choices(value, orNone(old).invisible())));
  }

  public boolean isInvisible(UserAddress user) {
    return of(user).invisible();
  }

  /** Flips invisibility; returns whether the user is invisible now. */
  public boolean toggleInvisible(UserAddress user) {
    Choices now = choices.compute(user, (u, old) ->
        tidy(new Choices(orNone(old).statusMessage(), !orNone(old).invisible())));
    return now != null && now.invisible();
  }

  /** The legacy status to use for what the client asked: INVISIBLE while the user chose to be. */
  public LegacyStatus effectiveStatus(UserAddress user, LegacyStatus requested) {
    return requested.isAvailable() && isInvisible(user) ? LegacyStatus.INVISIBLE : requested;
  }

  /** The status text to use for what the client sent: the user's override if set. */
  public String effectiveStatusText(UserAddress user, String requested) {
    return statusMessage(user).orElse(requested);
  }

  /** Forgets the user's choices (after unregistering). */
  public void forget(UserAddress user) {
    choices.remove(user);
  }

  private Choices of(UserAddress user) {
    return choices.getOrDefault(user, Choices.NONE);
  }

  private static Choices orNone(Choices choices) {
    return choices == null ? Choices.NONE : choices;
  }

  private static Choices tidy(Choices choices) {
    return Choices.NONE.equals(choices) ? null : choices;
  }
}
