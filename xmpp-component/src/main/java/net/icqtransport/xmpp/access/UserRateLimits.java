package net.icqtransport.xmpp.access;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import net.icqtransport.core.user.UserAddress;

/**
 * One {@link TokenBucket} per user and kind of action: messages to ICQ ({@code messagesPerMinute}, burst
 * {@code messageBurst}) and XEP-0077 registration requests ({@code registrationsPerHour}, all at once at
 * most). Buckets of users idle for two hours are forgotten (a full bucket is the same as none).
 */
public final class UserRateLimits {
  private static final Duration IDLE = Duration.ofHours(2);

  private final AccessSettings settings;
  private final LongSupplier nanoTime;
  private final Cache<UserAddress, TokenBucket> messages = CacheBuilder.newBuilder().expireAfterAccess(IDLE).build();
  private final Cache<UserAddress, TokenBucket> registrations = CacheBuilder.newBuilder().expireAfterAccess(IDLE).build();

  public UserRateLimits(AccessSettings settings, LongSupplier nanoTime) {
    this.settings = settings;
    this.nanoTime = nanoTime;
  }

  /** Whether {@code user} may send one more message now (and counts it). */
  public boolean tryMessage(UserAddress user) {
    return bucket(messages, user, () ->
        new TokenBucket(settings.messageBurst(), settings.messagesPerMinute(), Duration.ofMinutes(1), nanoTime));
  }

  /** Whether {@code user} may make one more registration request now (and counts it). */
  public boolean tryRegistration(UserAddress user) {
    return bucket(registrations, user, () ->
        new TokenBucket(settings.registrationsPerHour(), settings.registrationsPerHour(), Duration.ofHours(1), nanoTime));
  }

  private static boolean bucket(Cache<UserAddress, TokenBucket> buckets, UserAddress user, Supplier<TokenBucket> fresh) {
    TokenBucket known = buckets.getIfPresent(user); // the usual case, without the loading machinery
    if (known != null) {
      return known.tryTake();
    }
    try {
      return buckets.get(user, fresh::get).tryTake();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }
}
