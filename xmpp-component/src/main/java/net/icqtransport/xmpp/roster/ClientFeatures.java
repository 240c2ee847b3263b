package net.icqtransport.xmpp.roster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.router.IqRequests;
import net.icqtransport.xmpp.stanza.Namespaces;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * What the user's clients support, asked once per available resource with disco#info (XEP-0030 §3) and kept
 * while the resource is online, e.g. whether one takes XEP-0144 roster item exchange. A client that does not
 * answer counts as supporting nothing.
 */
public final class ClientFeatures {
  private final IqRequests requests;
  private final TransportAddresses addresses;
  private final Map<UserAddress, Map<JID, CompletableFuture<Set<String>>>> byUser = new ConcurrentHashMap<>();

  public ClientFeatures(IqRequests requests, TransportAddresses addresses) {
    this.requests = Objects.requireNonNull(requests, "requests");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
  }

  /** A resource of the user is available: ask its features unless already known. */
  public void resourceAvailable(UserAddress user, JID fullJid) {
    if (fullJid.getResource() == null) {
      return;
    }
    byUser.computeIfAbsent(user, u -> new ConcurrentHashMap<>()).computeIfAbsent(fullJid, this::discover);
  }

  /** A resource went offline. */
  public void resourceGone(UserAddress user, JID fullJid) {
    byUser.computeIfPresent(user, (u, map) -> {
      map.remove(fullJid);
      return map.isEmpty() ? null : map;
    });
  }

  /** Every resource of the user went offline (or the user unregistered). */
  public void forget(UserAddress user) {
    byUser.remove(user);
  }

  /** Once every pending question is answered: the first online resource that supports the feature, if any. */
  public CompletableFuture<Optional<JID>> resourceSupporting(UserAddress user, String feature) {
    Map<JID, CompletableFuture<Set<String>>> resources = byUser.getOrDefault(user, Map.of());
    List<JID> jids = new ArrayList<>(resources.keySet());
    jids.sort((a, b) -> a.toString().compareTo(b.toString()));
    List<CompletableFuture<Set<String>>> answers = jids.stream().map(resources::get).toList();
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
      for (int i = 0; i < jids.size(); i++) {
        if (answers.get(i).join().contains(feature)) {
          return Optional.of(jids.get(i));
        }
      }
      return Optional.empty();
    });
  }

  private CompletableFuture<Set<String>> discover(JID fullJid) {
    IQ get = new IQ(IQ.Type.get);
    get.setFrom(addresses.domain());
    get.setTo(fullJid);
    get.setChildElement("query", Namespaces.DISCO_INFO);
    return requests.send(get).handle((answer, failure) -> {
      Set<String> features = new HashSet<>();
      if (failure == null && answer.getType() == IQ.Type.result && answer.getChildElement() != null) {
        for (Element feature : answer.getChildElement().elements("feature")) {
          String var = feature.attributeValue("var");
          if (var != null) {
            features.add(var);
          }
        }
      }
      return Set.copyOf(features);
    });
  }
}
