package net.icqtransport.xmpp.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.avatar.Avatar;
import net.icqtransport.xmpp.avatar.AvatarSource;

/** An {@link AvatarSource} that knows the avatars a test puts into it, for every user. */
public final class FakeAvatarSource implements AvatarSource {
  private final Map<LegacyContactId, Avatar> avatars = new ConcurrentHashMap<>();

  public void put(LegacyContactId contact, Avatar avatar) {
    avatars.put(contact, avatar);
  }

  @Override
  public CompletableFuture<Optional<Avatar>> avatar(UserAddress user, LegacyContactId contact) {
    return CompletableFuture.completedFuture(Optional.ofNullable(avatars.get(contact)));
  }
}
