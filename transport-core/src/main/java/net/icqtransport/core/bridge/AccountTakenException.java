package net.icqtransport.core.bridge;

import net.icqtransport.core.legacy.LegacyContactId;

/**
 * A registration names a legacy account that another Jabber user of this transport has registered (XEP-0077
 * §3.1: {@code conflict}). Refused before any login, so the owner's session is not kicked. The message does not
 * say who the owner is.
 */
public final class AccountTakenException extends Exception {
  private static final long serialVersionUID = 1L;

  private final LegacyContactId account;

  public AccountTakenException(LegacyContactId account) {
    super("ICQ number " + account.value() + " is already registered with this transport by another Jabber user");
    this.account = account;
  }

  public LegacyContactId account() {
    return account;
  }
}
