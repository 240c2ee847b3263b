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
 */
public record OscarLoginResult(
    FlapConnection connection,
    String screenName,
    ServerFamilies families,
    RateParameters rates,
    Optional<IcbmParameters> icbmParameters,
    List<SsiItem> contactList) {

  public OscarLoginResult {
    contactList = List.copyOf(contactList);
  }
}
