package net.icqtransport.oscar.client;

import java.util.List;
import java.util.Optional;
import net.icqtransport.oscar.snac.icbm.IcbmParameters;
import net.icqtransport.oscar.snac.service.RateParameters;
import net.icqtransport.oscar.snac.service.ServerFamilies;
import net.icqtransport.oscar.snac.ssi.SsiItem;

/**
 * A finished login: the BOS connection after "client ready", and what the server told the client on the way.
 *
 * @param icbmParameters SNAC(04,05), if the server sent it before the login ended
 * @param formattedScreenName the account's screen name as the server formats it ("Joe User" for a login as
 *     {@code joeuser}): from the own info (01/0F) of the sign-on, else from the login reply's TLV 0x01; empty
 *     when the server sent neither
 */
public record OscarLoginResult(
    FlapConnection connection,
    String screenName,
    ServerFamilies families,
    RateParameters rates,
    Optional<IcbmParameters> icbmParameters,
    List<SsiItem> contactList,
    Optional<String> formattedScreenName) {

  public OscarLoginResult {
    contactList = List.copyOf(contactList);
    java.util.Objects.requireNonNull(formattedScreenName, "formattedScreenName");
  }

  /** A login whose server did not say how it formats the screen name. */
  public OscarLoginResult(FlapConnection connection, String screenName, ServerFamilies families, RateParameters rates,
      Optional<IcbmParameters> icbmParameters, List<SsiItem> contactList) {
    this(connection, screenName, families, rates, icbmParameters, contactList, Optional.empty());
  }
}
