package net.icqtransport.xmpp.roster;

import java.util.ArrayList;
import java.util.Comparator;
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
 * answer counts as supporting nothing. A question still open when its resource goes offline is withdrawn at
 * once rather than left waiting for the timeout in {@link IqRequests}: an answer the client sent before going
 * offline arrives before its unavailable presence (RFC 6120 §10.1, in-order processing).
 */
public final class ClientFeatures {
  private final IqRequests requests;
  private final TransportAddresses addresses;
  private final Map<UserAddress, Map<JID, Discovery>> byUser = new ConcurrentHashMap<>();

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
    Discovery[] gone = new Discovery[1];
    byUser.computeIfPresent(user, (u, map) -> {
      gone[0] = map.remove(fullJid);
      return map.isEmpty() ? null : map;
    });
    if (gone[0] != null) {
      gone[0].withdraw(); // outside the map's lock: whoever waits for the features goes on now
    }
  }

  /** Every resource of the user went offline (or the user unregistered). */
  public void forget(UserAddress user) {
    Map<JID, Discovery> gone = byUser.remove(user);
    if (gone != null) {
      gone.values().forEach(Discovery::withdraw);
    }
  }

  /** Once every pending question is answered: the first online resource that supports the feature, if any. */
  public CompletableFuture<Optional<JID>> resourceSupporting(UserAddress user, String feature) {
    List<Map.Entry<JID, Discovery>> resources = new ArrayList<>(byUser.getOrDefault(user, Map.of()).entrySet());
    resources.sort(Comparator.comparing(resource -> resource.getKey().toString()));
    List<CompletableFuture<Set<String>>> answers = resources.stream().map(resource -> resource.getValue().features())
        .toList();
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
      for (int i = 0; i < resources.size(); i++) {
        if (answers.get(i).join().contains(feature)) {
          return Optional.of(resources.get(i).getKey());
        }
      }
      return Optional.empty();
    });
  }

  private Discovery discover(JID fullJid) {
    IQ get = new IQ(IQ.Type.get);
    get.setFrom(addresses.domain());
    get.setTo(fullJid);
    get.setChildElement("query", Namespaces.DISCO_INFO);
    CompletableFuture<IQ> question = requests.send(get);
    return new Discovery(question, question.handle((answer, failure) -> {
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
    }));
  }

  /** The disco#info question to one resource and the features its answer gives (none if it fails). */
  private record Discovery(CompletableFuture<IQ> question, CompletableFuture<Set<String>> features) {
    /** No answer can come any more: {@link IqRequests} stops waiting, and the features are none if not known yet. */
    void withdraw() {
      question.cancel(false);
    }
  }
}
