package net.icqtransport.oscar.snac.chat;

/**
 * Golden bytes of families 0x0D and 0x0E: iserverd "Example SNAC dump" sections, FLAP header included. The
 * service request and redirect dumps ({@code snac_01_04}, {@code snac_01_05}) are for family 0x000D, chat
 * navigation; they are in {@link net.icqtransport.oscar.snac.bart.BartDumps}.
 */
public final class ChatDumps {
  private ChatDumps() {}

  // reference/oscar-iserverd/snac_0d_01.txt
  public static final String CHATNAV_ERROR = "2a02e1ca000c000d0001000099d007620005";

  // reference/oscar-iserverd/snac_0e_01.txt
  public static final String CHAT_ERROR = "2a02e1ca000c000e0001000099d007620005";

  // reference/oscar-iserverd/snac_0e_03.txt (also shown as the example of snac_0e_04)
  public static final String USERS_JOINED =
      "2a02eef80032000e000300009b7d97d80d5245414c526567726573736f7200000003000100020010000f000400000001000300043e"
          + "4cbe8c";

  /** The HTML both message dumps carry. */
  public static final String HTML =
      "<HTML><BODY BGCOLOR=\"#ffffff\"><FONT LANG=\"0\">Hi.... Anybody ?</FONT></BODY></HTML>";

  // reference/oscar-iserverd/snac_0e_05.txt
  public static final String MESSAGE_SEND =
      "2a026ad80088000e0005000000000005334135363543383700030001000000060000000500680002000875732d617363696900"
          + "030002656e000100523c48544d4c3e3c424f4459204247434f4c4f523d2223666666666666223e3c464f4e54204c414e473d"
          + "2230223e48692e2e2e2e20416e79626f6479203f3c2f464f4e543e3c2f424f44593e3c2f48544d4c3e";

  // reference/oscar-iserverd/snac_0e_06.txt
  public static final String MESSAGE_RECEIVE =
      "2a02eefa00b0000e000600009b7dbd2833413536354338370003000300280d5245414c526567726573736f720000000300010002"
          + "0010000f000400000018000300043e4cbe8c00010000000500680002000875732d617363696900030002656e000100523c48"
          + "544d4c3e3c424f4459204247434f4c4f523d2223666666666666223e3c464f4e54204c414e473d2230223e48692e2e2e2e20"
          + "416e79626f6479203f3c2f464f4e543e3c2f424f44593e3c2f48544d4c3e";
}
