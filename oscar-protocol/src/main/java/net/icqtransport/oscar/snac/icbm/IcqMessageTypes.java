package net.icqtransport.oscar.snac.icbm;

/**
 * ICQ message types, as found in channel-2 {@link IcqServerRelayMessage}s, channel-4 {@link IcqChannel4Data}
 * and offline messages (iserverd "message" / misc tables).
 */
public final class IcqMessageTypes {
  public static final int PLAIN = 0x01;
  public static final int URL = 0x04;
  public static final int AUTH_REQUEST = 0x06;
  public static final int AUTH_DENIED = 0x07;
  public static final int AUTH_GRANTED = 0x08;
  public static final int ADDED = 0x0C;
  public static final int CONTACTS = 0x13;
  public static final int PLUGIN = 0x1A;
  /** Auto-message requests: "what is your away / occupied / N/A / DND / free-for-chat message?". */
  public static final int AUTO_AWAY = 0xE8;
  public static final int AUTO_OCCUPIED = 0xE9;
  public static final int AUTO_NA = 0xEA;
  public static final int AUTO_DND = 0xEB;
  public static final int AUTO_FREE_FOR_CHAT = 0xEC;

  /** Message flag of auto-message requests and replies. */
  public static final int FLAGS_AUTO_MESSAGE = 0x03;

  /** Text fields of channel-4 and offline messages (URL, auth forms) are separated by this byte. */
  public static final byte FIELD_SEPARATOR = (byte) 0xFE;

  private IcqMessageTypes() {}

  public static boolean isAutoMessageRequest(int type) {
    return type >= AUTO_AWAY && type <= AUTO_FREE_FOR_CHAT;
  }
}
