package net.icqtransport.oscar.snac.bart;

/** Golden bytes of service requests and family 0x10: iserverd "Example SNAC dump" sections, FLAP header included. */
public final class BartDumps {
  private BartDumps() {}

  // reference/oscar-iserverd/snac_01_04.txt
  public static final String SERVICE_REQUEST =
      "2a023e02000c00010004000000000005000d";

  // reference/oscar-iserverd/snac_01_05.txt
  public static final String SERVICE_REDIRECT =
      "2a02e56600360001000500008ecdb197000d0002000d0005000f31302e31302e31302e383a353139300006000f313233"
          + "343536373839414243444546";

  // reference/oscar-iserverd/snac_10_02.txt
  public static final String UPLOAD =
      "2a025a5b01a3001000020000000100020001019547494638396120002000b30000ff00ff000000a0ff0080c00060a000"
          + "408000a0ff40c0ff40c0ff80ffffff00000000000000000000000000000000000021f904010000000021fe3043726561"
          + "746f723a20506f6c7956696577ae2056657273696f6e20332e323020627920506f6c7962797465730d0a0d0a002c0000"
          + "0000200020000004ff10c849abbd38eb8d83ff60c05d9e309c445aacc53702a5209f684ab0ada80572dfd3b51b4b4792"
          + "198e06df8c6613122901a4e170902a4d83806af5841da960aa34f9236885ad49747a40b8dde1ea7169de12a3edb7fe2d"
          + "2ed13c7612787b84071f6428675c300901847a860109933c33668a398d8f0891939e514b925a5c929a84a59e9488598d"
          + "2a1e947970a8a98daba5a3af947cb3b4a02697ad99b054bc8db74989c637b987c5c6b596a8b8b7a2b4d6be03669fa4bd"
          + "d6a9d859d2dc9fb9d7abdaa2cb821f32e594e0daef8b30034a219574e5b86a0434573e4ca8ed839202c8892535a43921"
          + "d1c403101bf7167608c0e252882638ba90f050b1091a522f0ed6e118992364857b204caad41001003b";

  // reference/oscar-iserverd/snac_10_03.txt
  public static final String UPLOAD_REPLY =
      "2a0298a8001f001000030000000100020000010110f9655688e6addfed926b626fbdf93cee";

  // reference/oscar-iserverd/snac_10_06.txt
  public static final String DOWNLOAD_ICQ =
      "2a02611e00290010000600005d2e0006093334343035393137390100010110ec7b6067cfd101990cbd33f900fc4b9b";

  // reference/oscar-iserverd/snac_10_01.txt
  public static final String BART_ERROR =
      "2a02e1ca000c00100001000099d007620005";
}
