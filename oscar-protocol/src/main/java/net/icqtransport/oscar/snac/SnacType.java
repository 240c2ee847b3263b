package net.icqtransport.oscar.snac;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SNACs this project speaks, by family and subtype (names after the iserverd OSCAR reference). Subtype
 * 0x01 of every family is that family's error reply; see {@link #isError(Snac)}.
 */
public enum SnacType {
  // Family 0x01: generic service controls
  SERVICE_ERROR(0x01, 0x01),
  SERVICE_CLIENT_READY(0x01, 0x02),
  SERVICE_SERVER_FAMILIES(0x01, 0x03),
  SERVICE_REQUEST(0x01, 0x04),
  SERVICE_REDIRECT(0x01, 0x05),
  SERVICE_RATE_PARAMS_REQUEST(0x01, 0x06),
  SERVICE_RATE_PARAMS(0x01, 0x07),
  SERVICE_RATE_PARAMS_ACK(0x01, 0x08),
  SERVICE_RATE_CHANGE(0x01, 0x0A),
  SERVICE_SELF_INFO_REQUEST(0x01, 0x0E),
  SERVICE_SELF_INFO(0x01, 0x0F),
  SERVICE_SET_IDLE(0x01, 0x11),
  SERVICE_FAMILY_VERSIONS_REQUEST(0x01, 0x17),
  SERVICE_FAMILY_VERSIONS(0x01, 0x18),
  SERVICE_SET_STATUS(0x01, 0x1E),

  // Family 0x02: location
  LOCATION_ERROR(0x02, 0x01),
  LOCATION_RIGHTS_REQUEST(0x02, 0x02),
  LOCATION_RIGHTS(0x02, 0x03),
  LOCATION_SET_INFO(0x02, 0x04),
  LOCATION_INFO_REQUEST(0x02, 0x05),
  LOCATION_INFO(0x02, 0x06),
  LOCATION_USER_INFO_QUERY(0x02, 0x15),

  // Family 0x03: buddy list management
  BUDDY_ERROR(0x03, 0x01),
  BUDDY_RIGHTS_REQUEST(0x03, 0x02),
  BUDDY_RIGHTS(0x03, 0x03),
  BUDDY_ONLINE(0x03, 0x0B),
  BUDDY_OFFLINE(0x03, 0x0C),

  // Family 0x04: ICBM (messages)
  ICBM_ERROR(0x04, 0x01),
  ICBM_SET_PARAMS(0x04, 0x02),
  ICBM_PARAMS_REQUEST(0x04, 0x04),
  ICBM_PARAMS(0x04, 0x05),
  ICBM_SEND(0x04, 0x06),
  ICBM_RECEIVE(0x04, 0x07),
  ICBM_CLIENT_ACK(0x04, 0x0B),
  ICBM_SERVER_ACK(0x04, 0x0C),
  /** Asks for the ICBMs stored while the account was offline (Open OSCAR Server, libpurple; no iserverd file). */
  ICBM_OFFLINE_RETRIEVE(0x04, 0x10),
  ICBM_TYPING(0x04, 0x14),
  /** Ends the answer to {@link #ICBM_OFFLINE_RETRIEVE}: every stored ICBM was sent. */
  ICBM_OFFLINE_RETRIEVE_END(0x04, 0x17),

  // Family 0x09: privacy
  PRIVACY_ERROR(0x09, 0x01),
  PRIVACY_RIGHTS_REQUEST(0x09, 0x02),
  PRIVACY_RIGHTS(0x09, 0x03),

  // Family 0x0D: chat navigation (ChatNav), on BOS or on a service connection
  CHATNAV_ERROR(0x0D, 0x01),
  CHATNAV_RIGHTS_REQUEST(0x0D, 0x02),
  CHATNAV_EXCHANGE_INFO_REQUEST(0x0D, 0x03),
  CHATNAV_ROOM_INFO_REQUEST(0x0D, 0x04),
  CHATNAV_CREATE_ROOM(0x0D, 0x08),
  CHATNAV_INFO(0x0D, 0x09),

  // Family 0x0E: chat, one service connection per room
  CHAT_ERROR(0x0E, 0x01),
  CHAT_ROOM_INFO_UPDATE(0x0E, 0x02),
  CHAT_USERS_JOINED(0x0E, 0x03),
  CHAT_USERS_LEFT(0x0E, 0x04),
  CHAT_MESSAGE_SEND(0x0E, 0x05),
  CHAT_MESSAGE_RECEIVE(0x0E, 0x06),

  // Family 0x13: server-stored information (contact list)
  SSI_ERROR(0x13, 0x01),
  SSI_RIGHTS_REQUEST(0x13, 0x02),
  SSI_RIGHTS(0x13, 0x03),
  SSI_LIST_REQUEST(0x13, 0x04),
  SSI_LIST_CHECK(0x13, 0x05),
  SSI_LIST(0x13, 0x06),
  SSI_ACTIVATE(0x13, 0x07),
  SSI_ADD(0x13, 0x08),
  SSI_UPDATE(0x13, 0x09),
  SSI_DELETE(0x13, 0x0A),
  SSI_EDIT_RESULT(0x13, 0x0E),
  SSI_UP_TO_DATE(0x13, 0x0F),
  SSI_EDIT_BEGIN(0x13, 0x11),
  SSI_EDIT_END(0x13, 0x12),
  SSI_FUTURE_AUTH_GRANT(0x13, 0x14),
  SSI_AUTH_REQUEST(0x13, 0x18),
  SSI_AUTH_REQUEST_RECEIVED(0x13, 0x19),
  SSI_AUTH_REPLY(0x13, 0x1A),
  SSI_AUTH_REPLY_RECEIVED(0x13, 0x1B),
  SSI_YOU_WERE_ADDED(0x13, 0x1C),

  // Family 0x15: ICQ extensions (old ICQ server commands tunnelled in TLV 0x01: offline messages, META info)
  ICQ_EXT_ERROR(0x15, 0x01),
  ICQ_EXT_REQUEST(0x15, 0x02),
  ICQ_EXT_REPLY(0x15, 0x03),

  // Family 0x10: BART (buddy icons), usually on a service connection
  BART_ERROR(0x10, 0x01),
  BART_UPLOAD(0x10, 0x02),
  BART_UPLOAD_REPLY(0x10, 0x03),
  BART_DOWNLOAD_ICQ(0x10, 0x06),
  BART_DOWNLOAD_ICQ_REPLY(0x10, 0x07),

  // Family 0x17: BUCP authorization (MD5 login)
  AUTH_ERROR(0x17, 0x01),
  AUTH_LOGIN_REQUEST(0x17, 0x02),
  AUTH_LOGIN_REPLY(0x17, 0x03),
  AUTH_KEY_REQUEST(0x17, 0x06),
  AUTH_KEY_REPLY(0x17, 0x07);

  private static final Map<Integer, SnacType> BY_ID = new HashMap<>();

  static {
    for (SnacType type : values()) {
      SnacType previous = BY_ID.put(key(type.family, type.subtype), type);
      if (previous != null) {
        throw new IllegalStateException(type + " and " + previous + " name the same SNAC");
      }
    }
  }

  private final int family;
  private final int subtype;

  SnacType(int family, int subtype) {
    this.family = family;
    this.subtype = subtype;
  }

  public int family() {
    return family;
  }

  public int subtype() {
    return subtype;
  }

  /** The type of a SNAC, if this project knows it (unknown SNACs are not an error: peers may send more). */
  public static Optional<SnacType> of(Snac snac) {
    return Optional.ofNullable(BY_ID.get(key(snac.family(), snac.subtype())));
  }

  /** Whether the SNAC is its family's error reply (subtype 0x01). */
  public static boolean isError(Snac snac) {
    return snac.subtype() == 0x01;
  }

  private static int key(int family, int subtype) {
    return (family << 16) | subtype;
  }
}
