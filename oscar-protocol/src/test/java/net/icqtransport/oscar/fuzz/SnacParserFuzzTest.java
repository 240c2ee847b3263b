package net.icqtransport.oscar.fuzz;

import static net.icqtransport.oscar.fuzz.ProtocolErrors.onlyProtocolErrors;

import io.netty.buffer.Unpooled;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import net.icqtransport.oscar.Dumps;
import net.icqtransport.oscar.MessagingDumps;
import net.icqtransport.oscar.client.ServerSignOff;
import net.icqtransport.oscar.snac.Snac;
import net.icqtransport.oscar.snac.SnacError;
import net.icqtransport.oscar.snac.auth.AuthKeyReply;
import net.icqtransport.oscar.snac.auth.LoginReply;
import net.icqtransport.oscar.snac.buddy.UserInfo;
import net.icqtransport.oscar.snac.location.LocationDumps;
import net.icqtransport.oscar.snac.location.LocationInfoQuery;
import net.icqtransport.oscar.snac.location.LocationInfoRequest;
import net.icqtransport.oscar.snac.location.LocationUserInfo;
import net.icqtransport.oscar.snac.icbm.IcbmClientAck;
import net.icqtransport.oscar.snac.icbm.IcbmParameters;
import net.icqtransport.oscar.snac.icbm.IcbmReceived;
import net.icqtransport.oscar.snac.icbm.IcbmRendezvous;
import net.icqtransport.oscar.snac.icbm.IcbmServerAck;
import net.icqtransport.oscar.snac.icbm.IcbmTyping;
import net.icqtransport.oscar.snac.icbm.IcqChannel4Data;
import net.icqtransport.oscar.snac.icbm.IcqServerRelayMessage;
import net.icqtransport.oscar.snac.icq.BasicInfo;
import net.icqtransport.oscar.snac.icq.CategoryList;
import net.icqtransport.oscar.snac.icq.EmailInfo;
import net.icqtransport.oscar.snac.icq.FoundUser;
import net.icqtransport.oscar.snac.icq.IcqExtChunk;
import net.icqtransport.oscar.snac.icq.MetaDumps;
import net.icqtransport.oscar.snac.icq.MetaReader;
import net.icqtransport.oscar.snac.icq.MetaReply;
import net.icqtransport.oscar.snac.icq.MoreInfo;
import net.icqtransport.oscar.snac.icq.OfflineMessageRecord;
import net.icqtransport.oscar.snac.icq.ShortInfo;
import net.icqtransport.oscar.snac.icq.WorkInfo;
import net.icqtransport.oscar.snac.service.FamilyVersions;
import net.icqtransport.oscar.snac.service.RateChange;
import net.icqtransport.oscar.snac.service.RateParameters;
import net.icqtransport.oscar.snac.service.ServerFamilies;
import net.icqtransport.oscar.snac.service.ServiceRedirect;
import net.icqtransport.oscar.snac.ssi.SsiAuthReply;
import net.icqtransport.oscar.snac.ssi.SsiAuthRequest;
import net.icqtransport.oscar.snac.ssi.SsiEdit;
import net.icqtransport.oscar.snac.ssi.SsiEditResult;
import net.icqtransport.oscar.snac.ssi.SsiItem;
import net.icqtransport.oscar.snac.ssi.SsiList;
import net.icqtransport.oscar.snac.ssi.SsiYouWereAdded;
import net.icqtransport.oscar.tlv.TlvChain;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes every parser of server data (iserverd OSCAR reference, the SNACs a client receives) with mutated
 * golden dumps and random bytes. Each parse also runs the lazy accessors the session calls (message text,
 * rendezvous, channel-4 fields, META sub-records), since those parse too. The SNAC header keeps the golden
 * family and subtype: a decoder handed a SNAC of another type rightly throws IllegalArgumentException.
 *
 * <p>Runs {@code jqwik.tries.default} tries per property (1,000 from junit-platform.properties); a longer run:
 * {@code mvn -B -o -pl oscar-protocol test -Dtest='*Fuzz*' -Djqwik.tries.default=200000}.
 */
class SnacParserFuzzTest {
  private static final Charset CP1252 = Charset.forName("windows-1252");

  @Property
  void snacHeaderAndPrefix(@ForAll("anySnacPayload") byte[] payload) {
    onlyProtocolErrors(payload, () -> Snac.decode(payload));
  }

  @Property
  void tlvChains(@ForAll("tlvBytes") byte[] bytes) {
    onlyProtocolErrors(bytes, () -> TlvChain.readChain(Unpooled.wrappedBuffer(bytes)));
    onlyProtocolErrors(bytes, () -> TlvChain.readBlock(Unpooled.wrappedBuffer(bytes)));
    onlyProtocolErrors(bytes, () -> TlvChain.readLengthPrefixed(Unpooled.wrappedBuffer(bytes)));
  }

  /** SNAC(04,07) on channels 1, 2 and 4 with the sender's user-info block, down to the decoded text. */
  @Property
  void icbmReceived(@ForAll("icbmReceivedData") byte[] data) {
    onlyProtocolErrors(data, () -> {
      IcbmReceived icbm = IcbmReceived.decode(new Snac(0x04, 0x07, 0, 1, data));
      icbm.sender().status();
      icbm.sender().hasCapabilityList();
      icbm.sendTime();
      icbm.text().ifPresent(text -> text.decode(CP1252));
      icbm.rendezvous().flatMap(IcbmRendezvous::serverRelayMessage).ifPresent(m -> m.capabilityString());
      icbm.channel4Data().ifPresent(d -> d.fields(CP1252));
      return icbm;
    });
  }

  @Property
  void rendezvousAndServerRelayBlocks(@ForAll("rendezvousBlock") byte[] block) {
    onlyProtocolErrors(block, () -> IcbmRendezvous.decode(block).serverRelayMessage());
    onlyProtocolErrors(block, () -> IcqServerRelayMessage.decode(block).capabilityString());
  }

  @Property
  void channel4Data(@ForAll("channel4Block") byte[] block) {
    onlyProtocolErrors(block, () -> IcqChannel4Data.decode(block).fields(StandardCharsets.UTF_8));
    onlyProtocolErrors(block, () -> IcqChannel4Data.split(block));
  }

  /** SNAC(15,03) offline messages (0x0041) and META replies (0x07DA) with every sub-record the directory reads. */
  @Property
  void icqExtensionReplies(@ForAll("icqExtReplyData") byte[] data) {
    Snac snac = new Snac(0x15, 0x03, 0, 1, data);
    onlyProtocolErrors(data, () -> OfflineMessageRecord.decode(IcqExtChunk.decode(snac).body()).sentAt());
    onlyProtocolErrors(data, () -> meta(MetaReply.decode(snac)));
  }

  @Property
  void ssiSnacs(@ForAll("ssiData") byte[] data) {
    onlyProtocolErrors(data, () -> SsiList.decode(new Snac(0x13, 0x06, 0, 1, data)).items().stream()
        .map(item -> List.of(item.memberIds(), item.awaitingAuthorization(), item.nickname())).toList());
    onlyProtocolErrors(data, () -> SsiEdit.decode(new Snac(0x13, 0x08, 0, 1, data)));
    onlyProtocolErrors(data, () -> SsiEditResult.decode(new Snac(0x13, 0x0E, 0, 1, data)));
    onlyProtocolErrors(data, () -> SsiAuthRequest.decode(new Snac(0x13, 0x19, 0, 1, data), CP1252));
    onlyProtocolErrors(data, () -> SsiAuthReply.decode(new Snac(0x13, 0x1B, 0, 1, data), CP1252));
    onlyProtocolErrors(data, () -> SsiYouWereAdded.decode(new Snac(0x13, 0x1C, 0, 1, data)));
    onlyProtocolErrors(data, () -> SsiItem.read(Unpooled.wrappedBuffer(data)));
  }

  /** SNAC(03,0B)/(03,0C) user-info blocks and the other small server SNACs. */
  @Property
  void userInfoAndServiceSnacs(@ForAll("serviceData") byte[] data) {
    onlyProtocolErrors(data, () -> UserInfo.readAll(new Snac(0x03, 0x0B, 0, 1, data)).stream()
        .map(info -> List.of(info.status(), info.hasCapabilityList(), info.userClass(), info.idleMinutes())).toList());
    onlyProtocolErrors(data, () -> IcbmTyping.decode(new Snac(0x04, 0x14, 0, 1, data)));
    onlyProtocolErrors(data, () -> IcbmServerAck.decode(new Snac(0x04, 0x0C, 0, 1, data)));
    onlyProtocolErrors(data, () -> IcbmClientAck.decode(new Snac(0x04, 0x0B, 0, 1, data)));
    onlyProtocolErrors(data, () -> IcbmParameters.decode(new Snac(0x04, 0x05, 0, 1, data)));
    onlyProtocolErrors(data, () -> SnacError.decode(new Snac(0x04, 0x01, 0, 1, data)));
    onlyProtocolErrors(data, () -> ServerFamilies.decode(new Snac(0x01, 0x03, 0, 1, data)));
    onlyProtocolErrors(data, () -> FamilyVersions.decode(new Snac(0x01, 0x18, 0, 1, data)));
    onlyProtocolErrors(data, () -> RateParameters.decode(new Snac(0x01, 0x07, 0, 1, data)));
    onlyProtocolErrors(data, () -> RateChange.decode(new Snac(0x01, 0x0A, 0, 1, data)));
    onlyProtocolErrors(data, () -> ServiceRedirect.decode(new Snac(0x01, 0x05, 0, 1, data)));
    onlyProtocolErrors(data, () -> AuthKeyReply.decode(new Snac(0x17, 0x07, 0, 1, data)));
    onlyProtocolErrors(data, () -> {
      LoginReply reply = LoginReply.fromSnac(new Snac(0x17, 0x03, 0, 1, data));
      return List.of(reply.errorCode(), reply.errorUrl(), reply.screenName(), reply.bosAddress(), reply.cookie());
    });
    onlyProtocolErrors(data, () -> LoginReply.fromSignoffPayload(data).bosAddress());
    onlyProtocolErrors(data, () -> ServerSignOff.parse(data));
  }

  /** SNAC(02,06): the user-info block and the profile / away message with their MIME charsets. */
  @Property
  void locationUserInfo(@ForAll("locationData") byte[] data) {
    onlyProtocolErrors(data, () -> {
      LocationUserInfo info = LocationUserInfo.decode(new Snac(0x02, 0x06, 0, 1, data));
      return List.of(info.user().userClass(), info.user().idleMinutes(), info.awayMessage(), info.profile());
    });
    onlyProtocolErrors(data, () -> LocationInfoQuery.decode(new Snac(0x02, 0x15, 0, 1, data)));
    onlyProtocolErrors(data, () -> LocationInfoRequest.decode(new Snac(0x02, 0x05, 0, 1, data)));
  }

  private static Object meta(MetaReply reply) {
    if (!reply.isMeta()) {
      return reply;
    }
    byte[] d = reply.data();
    return switch (reply.subtype()) {
      case MetaReply.BASIC_INFO -> BasicInfo.parse(d, CP1252);
      case MetaReply.MORE_INFO -> MoreInfo.parse(d, CP1252);
      case MetaReply.WORK_INFO -> WorkInfo.parse(d, CP1252);
      case MetaReply.NOTES -> new MetaReader(d, CP1252, "notes").string("notes");
      case MetaReply.EMAILS -> EmailInfo.parse(d, CP1252);
      case MetaReply.INTERESTS -> CategoryList.parseInterests(d, CP1252);
      case MetaReply.AFFILIATIONS -> CategoryList.parseAffiliations(d, CP1252);
      case MetaReply.SHORT_INFO -> ShortInfo.parse(d, CP1252);
      case MetaReply.USER_FOUND, MetaReply.LAST_USER_FOUND ->
          FoundUser.parse(d, reply.subtype() == MetaReply.LAST_USER_FOUND, CP1252);
      default -> reply;
    };
  }

  // --- inputs -------------------------------------------------------------------------------------------

  @Provide
  Arbitrary<byte[]> anySnacPayload() {
    return ByteMutations.fuzzed(Stream.of(Dumps.SELF_INFO, Dumps.BUDDY_ONLINE, Dumps.ICBM_RECEIVE_CH1,
        MessagingDumps.ICBM_RECEIVE_CH2, MessagingDumps.OFFLINE_MESSAGE, Dumps.SSI_LIST, Dumps.RATE_PARAMS)
        .map(Dumps::flapPayload).toList(), 64);
  }

  @Provide
  Arbitrary<byte[]> tlvBytes() {
    return ByteMutations.fuzzed(List.of(data(Dumps.LOGIN_REPLY_SUCCESS), data(Dumps.SELF_INFO)), 64);
  }

  @Provide
  Arbitrary<byte[]> icbmReceivedData() {
    return ByteMutations.fuzzed(List.of(data(Dumps.ICBM_RECEIVE_CH1), data(MessagingDumps.ICBM_RECEIVE_CH2),
        data(MessagingDumps.ICBM_RECEIVE_CH4)), 200);
  }

  @Provide
  Arbitrary<byte[]> rendezvousBlock() {
    IcbmReceived ch2 = IcbmReceived.decode(Snac.decode(Dumps.flapPayload(MessagingDumps.ICBM_RECEIVE_CH2)));
    byte[] block = ch2.messageTlvs().bytes(0x05).orElseThrow();
    byte[] relay = ch2.rendezvous().orElseThrow().tlvs().bytes(0x2711).orElseThrow();
    return ByteMutations.fuzzed(List.of(block, relay), 120);
  }

  @Provide
  Arbitrary<byte[]> channel4Block() {
    IcbmReceived ch4 = IcbmReceived.decode(Snac.decode(Dumps.flapPayload(MessagingDumps.ICBM_RECEIVE_CH4)));
    return ByteMutations.fuzzed(List.of(ch4.messageTlvs().bytes(0x05).orElseThrow()), 64);
  }

  @Provide
  Arbitrary<byte[]> icqExtReplyData() {
    return ByteMutations.fuzzed(Stream.of(MessagingDumps.OFFLINE_MESSAGE, MessagingDumps.OFFLINE_END,
            MetaDumps.BASIC_INFO, MetaDumps.WORK_INFO, MetaDumps.MORE_INFO, MetaDumps.NOTES, MetaDumps.EMAILS,
            MetaDumps.INTERESTS, MetaDumps.AFFILIATIONS, MetaDumps.SHORT_INFO_REPLY, MetaDumps.USER_FOUND,
            MetaDumps.LAST_USER_FOUND, MetaDumps.META_ERROR)
        .map(SnacParserFuzzTest::data).toList(), 120);
  }

  @Provide
  Arbitrary<byte[]> ssiData() {
    return ByteMutations.fuzzed(Stream.of(Dumps.SSI_LIST, MessagingDumps.SSI_ADD, MessagingDumps.SSI_EDIT_RESULT,
            MessagingDumps.SSI_AUTH_REQUEST_RECEIVED, MessagingDumps.SSI_AUTH_REPLY_RECEIVED,
            MessagingDumps.SSI_YOU_WERE_ADDED)
        .map(SnacParserFuzzTest::data).toList(), 120);
  }

  @Provide
  Arbitrary<byte[]> serviceData() {
    return ByteMutations.fuzzed(Stream.of(Dumps.BUDDY_ONLINE, Dumps.BUDDY_OFFLINE, Dumps.SELF_INFO,
            MessagingDumps.ICBM_TYPING, Dumps.ICBM_ACK, MessagingDumps.ICBM_CLIENT_ACK, Dumps.ICBM_PARAMS,
            Dumps.ICBM_ERROR, Dumps.SERVER_FAMILIES, Dumps.FAMILY_VERSIONS, Dumps.RATE_PARAMS,
            Dumps.AUTH_KEY_REPLY, Dumps.LOGIN_REPLY_SUCCESS, Dumps.LOGIN_REPLY_ERROR)
        .map(SnacParserFuzzTest::data).toList(), 120);
  }

  @Provide
  Arbitrary<byte[]> locationData() {
    return ByteMutations.fuzzed(Stream.of(LocationDumps.USER_INFO_AWAY, LocationDumps.USER_INFO_QUERY,
            LocationDumps.INFO_REQUEST, Dumps.BUDDY_ONLINE)
        .map(SnacParserFuzzTest::data).toList(), 120);
  }

  /** The SNAC data of a dumped channel-2 frame. */
  private static byte[] data(String dumpHex) {
    return Snac.decode(Dumps.flapPayload(dumpHex)).data();
  }
}
