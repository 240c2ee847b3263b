package net.icqtransport.xmpp.avatar;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.bridge.Directory;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contacts' avatar images by ICQ avatar id (the image's MD5, so one image shared by many contacts or users is
 * fetched once), in memory and bounded: the least recently used ids are dropped. A fetch that fails or
 * returns nothing is not kept, so the next presence with that id tries again. Used for XEP-0153 presence
 * hashes and the XEP-0054 vCard PHOTO.
 */
public final class AvatarCache {
  private static final Logger LOG = LoggerFactory.getLogger(AvatarCache.class);
  /** How many images are kept unless configured (ICQ avatars are a few kilobytes each). */
  public static final int DEFAULT_CAPACITY = 512;

  private final Directory gateway;
  private final Map<AvatarId, CompletableFuture<Optional<Avatar>>> images;

  public AvatarCache(Directory gateway, int capacity) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.images = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<AvatarId, CompletableFuture<Optional<Avatar>>> eldest) {
        return size() > capacity;
      }
    };
  }

  public AvatarCache(Directory gateway) {
    this(gateway, DEFAULT_CAPACITY);
  }

  /**
   * The image with this id, fetched through the user's session when not cached; empty when the contact has
   * none or it could not be fetched.
   */
  public CompletableFuture<Optional<Avatar>> avatar(UserAddress user, LegacyContactId contact, AvatarId id) {
    CompletableFuture<Optional<Avatar>> image;
    synchronized (images) {
      image = images.get(id);
      if (image != null) {
        return image.copy();
      }
      image = new CompletableFuture<>();
      images.put(id, image);
    }
    CompletableFuture<Optional<Avatar>> fetching = image;
    CompletableFuture<byte[]> fetch;
    try {
      fetch = gateway.fetchAvatar(user, contact, id);
    } catch (RuntimeException e) {
      fetch = CompletableFuture.failedFuture(e);
    }
    fetch.whenComplete((bytes, failure) -> {
      if (failure != null || bytes == null || bytes.length == 0) {
        LOG.debug("No avatar {} of ICQ {} for {}: {}", id.hex(), contact, user, failure == null ? "empty" : failure.toString());
        synchronized (images) {
          images.remove(id, fetching);
        }
        fetching.complete(Optional.empty());
      } else {
        fetching.complete(Optional.of(Avatar.of(bytes)));
      }
    });
    return image.copy();
  }

  /** The image if it is cached and fetched already, without fetching. */
  public Optional<Avatar> cached(AvatarId id) {
    CompletableFuture<Optional<Avatar>> image;
    synchronized (images) {
      image = images.get(id);
    }
    return image != null && image.isDone() && !image.isCompletedExceptionally() ? image.join() : Optional.empty();
  }
}
