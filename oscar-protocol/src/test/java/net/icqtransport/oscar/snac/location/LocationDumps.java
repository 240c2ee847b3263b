package net.icqtransport.oscar.snac.location;

/** Family 0x02 frames: the iserverd dumps, and one 02/06 built from its table (the reference has no dump of it). */
public final class LocationDumps {
  /**
   * reference/oscar-iserverd/snac_02_05.txt: type 0x0001 (general info) about "6218895". The dump's FLAP header
   * says 0x15 bytes follow, one more than it shows; the SNAC as shown is complete.
   */
  public static final String INFO_REQUEST = "2a0222a30015" + "00020005000000000005" + "0001" + "07" + "36323138383935";

  /** reference/oscar-iserverd/snac_02_15.txt: flags 0x00000001 (profile) about "somenick". */
  public static final String USER_INFO_QUERY = "2a0258440017" + "00020015000000040015" + "00000001" + "08"
      + "736f6d656e69636b";

  /** reference/oscar-iserverd/snac_02_01.txt: error 0x000E (busted SNAC payload). */
  public static final String LOCATION_ERROR = "2a02e1ca000c" + "000200010000" + "99d00762" + "000e";

  /**
   * 02/06 as the reference's snac_02_06 table lays it out (no dump there): "Mary Ann", warning 0, three TLVs (class
   * 0x0030 free + away, idle 10 minutes, sign-on time), then TLV 0x03 {@code text/aolrtf; charset="us-ascii"} and
   * TLV 0x04 {@code <HTML><BODY><B>lunch</B> &amp; back</BODY></HTML>}.
   */
  public static final String USER_INFO_AWAY = "2a02123400830002000600000000000b084d61727920416e6e000000030001000200300004"
      + "0002000a000300045c95e6c80003001f746578742f616f6c7274663b20636861727365743d2275732d617363696922000400313c48"
      + "544d4c3e3c424f44593e3c423e6c756e63683c2f423e2026616d703b206261636b3c2f424f44593e3c2f48544d4c3e";

  private LocationDumps() {}
}
