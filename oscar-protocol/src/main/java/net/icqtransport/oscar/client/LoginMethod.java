package net.icqtransport.oscar.client;

/** How the client proves its password to the authorizer. */
public enum LoginMethod {
  /** BUCP, family 0x17: SNAC(17,06) → key → SNAC(17,02) with MD5(key + password + AIM string). */
  MD5,
  /** The legacy channel-1 login with a roasted (XORed) password; the reply comes on channel 4. */
  ROASTED
}
