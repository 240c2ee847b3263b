package net.icqtransport.xmpp.avatar;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;

/**
 * Where the vCard handler (XEP-0054 {@code <PHOTO/>}) gets a contact's current avatar, as the user's session
 * sees it. Implemented by the avatar cache that also serves XEP-0153; {@link #NONE} until one is wired.
 */
@FunctionalInterface
public interface AvatarSource {

  /** No avatars: every vCard goes out without a photo. */
  AvatarSource NONE = (user, contact) -> CompletableFuture.completedFuture(Optional.empty());

  /**
   * The contact's avatar, or empty when it has none or it is not known (yet). A failed future is treated like
   * an empty one: a vCard without a photo is better than no vCard.
   */
  CompletableFuture<Optional<Avatar>> avatar(UserAddress user, LegacyContactId contact);
}
