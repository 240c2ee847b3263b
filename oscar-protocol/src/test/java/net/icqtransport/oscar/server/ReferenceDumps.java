package net.icqtransport.oscar.server;

import static net.icqtransport.oscar.HexDump.hex;

import net.icqtransport.oscar.Dumps;
import net.icqtransport.oscar.MessagingDumps;
import net.icqtransport.oscar.snac.bart.BartDumps;
import net.icqtransport.oscar.snac.icq.MetaDumps;

/**
 * Real packets from the "Example SNAC dump" sections of the iserverd OSCAR reference, FLAP header included,
 * under the simulator's names. Each constant names its reference file; dumps the codec tests use too are
 * transcribed once, in {@link Dumps} and its siblings, and only the simulator's own are transcribed here.
 */
final class ReferenceDumps {
  /** snac_01_03. */
  static final byte[] SRV_FAMILIES = hex(Dumps.SERVER_FAMILIES);

  /** snac_01_07. */
  static final byte[] SRV_RATE_LIMIT_INFO = hex(Dumps.RATE_PARAMS);

  /** snac_03_0b. */
  static final byte[] SRV_USER_ONLINE = hex(Dumps.BUDDY_ONLINE);

  /** snac_03_0c. */
  static final byte[] SRV_USER_OFFLINE = hex(Dumps.BUDDY_OFFLINE);

  /** snac_04_06_ch1. */
  static final byte[] CLI_SEND_ICBM_CH1 = hex(Dumps.ICBM_SEND_CH1);

  /** snac_04_07_ch1. */
  static final byte[] SRV_CLIENT_ICBM_CH1 = hex(Dumps.ICBM_RECEIVE_CH1);

  /** snac_13_06. */
  static final byte[] SRV_SSI_REPLY = hex(Dumps.SSI_LIST);

  /** snac_17_06. */
  static final byte[] CLI_AUTH_REQUEST = hex(Dumps.AUTH_KEY_REQUEST);

  /** snac_17_07. */
  static final byte[] SRV_AUTH_KEY_RESPONSE = hex(Dumps.AUTH_KEY_REPLY);

  /** snac_17_02. */
  static final byte[] CLI_MD5_LOGIN = hex(Dumps.MD5_LOGIN);

  /** snac_17_03. */
  static final byte[] SRV_LOGIN_REPLY_ERROR = hex(Dumps.LOGIN_REPLY_ERROR);

  /** snac_17_03 (dump 2). */
  static final byte[] SRV_LOGIN_REPLY = hex(Dumps.LOGIN_REPLY_SUCCESS);

  /** cli_ident. */
  static final byte[] CLI_IDENT = hex(Dumps.CLI_IDENT);

  /** srv_cookie. */
  static final byte[] SRV_COOKIE = hex(Dumps.SRV_COOKIE);

  /** auth_failed. */
  static final byte[] AUTH_FAILED = hex(Dumps.AUTH_FAILED);

  /** cli_cookie. */
  static final byte[] CLI_COOKIE = hex(Dumps.CLI_COOKIE);

  /** snac_01_18. */
  static final byte[] SRV_FAMILIES_VERSIONS = hex(Dumps.FAMILY_VERSIONS);

  /** snac_01_0f (dump 2). */
  static final byte[] SRV_ONLINE_INFO = hex(Dumps.SELF_INFO);

  /** snac_02_03. */
  static final byte[] SRV_LOCATION_RIGHTS_REPLY = hex("2a023e0300220002000300000000000200010002040000020002001000030002000a000400021000");

  /** snac_03_03. */
  static final byte[] SRV_BUDDYLIST_RIGHTS_REPLY = hex("2a023e04001c000300030000000000020002000202ee000100020258000300020200");

  /** snac_04_05. */
  static final byte[] SRV_ICBM_PARAMS = hex(Dumps.ICBM_PARAMS);

  /** snac_09_03. */
  static final byte[] SRV_PRIVACY_RIGHTS_REPLY = hex("2a023e060016000900030000000000020002000200c80001000200c8");

  /** snac_13_03. */
  static final byte[] SRV_SSI_RIGHTS_REPLY = hex("2a0238c40056001300030000000000020004002a02580033008000800001000100320000000000030000000000000080"
      + "0080001400c800010000000100000002000200fe0003000201fc00050002000000060002006100070002000a");

  /** snac_13_0f. */
  static final byte[] SRV_SSI_UP_TO_DATE = hex(Dumps.SSI_UP_TO_DATE);

  /** snac_04_01. */
  static final byte[] SRV_ICBM_ERROR = hex(Dumps.ICBM_ERROR);

  /** snac_04_0c. */
  static final byte[] SRV_MSG_ACK = hex(Dumps.ICBM_ACK);

  /** snac_04_14. */
  static final byte[] TYPING_NOTIFICATION = hex(MessagingDumps.ICBM_TYPING);

  /** snac_13_05. */
  static final byte[] CLI_SSI_CHECKOUT = hex(Dumps.SSI_CHECK);

  /** snac_01_1e (dump 2). */
  static final byte[] CLI_SETSTATUS = hex(Dumps.SET_STATUS);

  /** snac_15_03_0042. */
  static final byte[] SRV_END_OF_OFFLINE_MSGS = hex(MessagingDumps.OFFLINE_END);

  /** snac_15_02_003c. */
  static final byte[] CLI_OFFLINE_MESSAGE_REQ = hex(MessagingDumps.OFFLINE_REQUEST);

  /** snac_13_0e. */
  static final byte[] SRV_SSI_MOD_ACK = hex(MessagingDumps.SSI_EDIT_RESULT);

  /** snac_13_19. */
  static final byte[] SRV_AUTH_REQUEST = hex(MessagingDumps.SSI_AUTH_REQUEST_RECEIVED);

  /** snac_13_1b. */
  static final byte[] SRV_AUTH_REPLY = hex(MessagingDumps.SSI_AUTH_REPLY_RECEIVED);

  /** snac_13_15. */
  static final byte[] SRV_FUTURE_AUTH_GRANTED = hex("2a021d56001a00130015000099d0076207343637383831320004737572650000");

  /** snac_15_03_0041. */
  static final byte[] SRV_OFFLINE_MESSAGE = hex(MessagingDumps.OFFLINE_MESSAGE);

  /** snac_15_03_07da_00c8. */
  static final byte[] META_BASIC_USERINFO = hex(MetaDumps.BASIC_INFO);

  /** snac_15_03_07da_00dc. */
  static final byte[] META_MORE_USERINFO = hex(MetaDumps.MORE_INFO);

  /** snac_15_03_07da_00e6. */
  static final byte[] META_NOTES_USERINFO = hex(MetaDumps.NOTES);

  /** snac_15_03_07da_0104. */
  static final byte[] META_SHORT_USERINFO = hex(MetaDumps.SHORT_INFO_REPLY);

  /** snac_15_03_07da_01a4. */
  static final byte[] META_USER_FOUND = hex(MetaDumps.USER_FOUND);

  /** snac_15_03_07da_01ae. */
  static final byte[] META_LAST_USER_FOUND = hex(MetaDumps.LAST_USER_FOUND);

  /** snac_15_03_07da_0001. */
  static final byte[] META_PROCESSING_ERROR = hex(MetaDumps.META_ERROR);

  /** snac_01_05. */
  static final byte[] SRV_REDIRECT_SERVICE = hex(BartDumps.SERVICE_REDIRECT);

  /** snac_10_02. */
  static final byte[] CLI_ICON_UPLOAD = hex(BartDumps.UPLOAD);

  /** snac_10_03. */
  static final byte[] SRV_ICON_UPLOAD_ACK = hex(BartDumps.UPLOAD_REPLY);

  /** snac_01_0a. */
  static final byte[] SRV_RATE_LIMIT_WARN = hex("2a02390000370001000a8000851b576500060001000200030002000300000014000013ec0000138800000fa000000bb8"
      + "00001317000017700000000000");

  /** snac_04_0b. */
  static final byte[] CLI_ICBM_SENDxACK = hex(MessagingDumps.ICBM_CLIENT_ACK);

  /** snac_04_07_ch4. */
  static final byte[] SRV_CLIENT_ICBM_CH4 = hex(MessagingDumps.ICBM_RECEIVE_CH4);

  /** snac_04_06_ch2. */
  static final byte[] CLI_SEND_ICBM_CH2 = hex(MessagingDumps.ICBM_SEND_CH2);

  /** snac_13_1c. */
  static final byte[] SRV_YOU_WERE_ADDED = hex(MessagingDumps.SSI_YOU_WERE_ADDED);

  private ReferenceDumps() {}
}
