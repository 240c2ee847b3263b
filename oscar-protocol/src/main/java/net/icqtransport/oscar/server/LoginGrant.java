package net.icqtransport.oscar.server;

import java.util.Objects;

/**
 * What a BOS cookie stands for: the account that logged in, and whether it logged in as an old client (a
 * channel-1 or MD5 login without TLV 0x004A, the multi-connection flag), which decides how a newer login of the
 * same account kicks it (OSCAR-SERVERS.md, "Sign-on and kicks").
 */
record LoginGrant(Account account, boolean oldClient) {
  LoginGrant {
    Objects.requireNonNull(account, "account");
  }
}
