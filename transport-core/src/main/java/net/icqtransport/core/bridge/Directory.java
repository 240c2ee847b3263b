package net.icqtransport.core.bridge;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.legacy.AvatarId;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacySearchQuery;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.core.user.UserAddress;

/** The legacy network's directory: contact ids, user info (XEP-0054), search (XEP-0055), avatars (XEP-0153) and status messages. One role of the {@link Gateway}. */
public interface Directory {

  /** Parses a legacy contact id from a JID's local part; see {@link net.icqtransport.core.legacy.LegacyNetwork#parseContactId}. */
  LegacyContactId parseContactId(String text);

  /** A contact's status (away) message. */
  default CompletableFuture<Optional<String>> fetchStatusMessage(UserAddress user, LegacyContactId contact) {
    return Unsupported.feature("status messages");
  }

  /** Directory info on a legacy user (for vCards, XEP-0054). */
  default CompletableFuture<LegacyUserInfo> fetchUserInfo(UserAddress user, LegacyContactId contact) {
    return Unsupported.feature("user info");
  }

  /** A directory search (XEP-0055). */
  default CompletableFuture<List<LegacyUserInfo>> search(UserAddress user, LegacySearchQuery query) {
    return Unsupported.feature("search");
  }

  /** A contact's avatar image (vCard PHOTO, XEP-0153). */
  default CompletableFuture<byte[]> fetchAvatar(UserAddress user, LegacyContactId contact, AvatarId avatar) {
    return Unsupported.feature("avatars");
  }
}
