package net.icqtransport.xmpp.disco;

import java.util.Locale;
import java.util.Optional;

/**
 * What the transport calls itself towards Jabber users: an ICQ gateway (the default) or, for operators who run it
 * for an AIM community, an AIM one. Both take ICQ numbers and AIM screen names alike (they share one OSCAR
 * network); only the words differ: the disco identity (XEP-0030, category {@code gateway} with the registered type
 * {@code icq} or {@code aim}, XEP-0100 §3) and its name, which also change the XEP-0115 hash, the transport's
 * vCard, and the prompts of registration (XEP-0077, the forms of the "Register" and "Change password" ad-hoc
 * commands) and of contact address translation ({@code jabber:iq:gateway}, XEP-0100 §6.3). The chat command
 * texts and the ad-hoc commands' names stay ICQ's.
 */
public enum TransportPresentation {
  ICQ("icq", "ICQ Transport", "ICQ",
      "Enter your ICQ number (UIN) or AIM screen name, and your password.",
      "ICQ number or AIM screen name",
      "Please enter the ICQ number (UIN) or AIM screen name of the person you would like to contact.",
      "ICQ number or AIM screen name"),
  AIM("aim", "AIM Transport", "AIM",
      "Enter your AIM screen name and your password.",
      "Screen name",
      "Please enter the AIM screen name of the person you would like to contact.",
      "Screen name");

  private final String discoType;
  private final String name;
  private final String network;
  private final String registrationInstructions;
  private final String accountLabel;
  private final String gatewayDescription;
  private final String gatewayPrompt;

  TransportPresentation(String discoType, String name, String network, String registrationInstructions,
      String accountLabel, String gatewayDescription, String gatewayPrompt) {
    this.discoType = discoType;
    this.name = name;
    this.network = network;
    this.registrationInstructions = registrationInstructions;
    this.accountLabel = accountLabel;
    this.gatewayDescription = gatewayDescription;
    this.gatewayPrompt = gatewayPrompt;
  }

  /** The presentation a configuration value names ({@code icq} or {@code aim}, any case); empty for others. */
  public static Optional<TransportPresentation> named(String value) {
    for (TransportPresentation presentation : values()) {
      if (presentation.discoType.equals(value.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(presentation);
      }
    }
    return Optional.empty();
  }

  /** The configuration value: {@code icq} or {@code aim}, also the disco identity's type. */
  public String configValue() {
    return discoType;
  }

  /** The transport domain's identity: {@code gateway/icq} "ICQ Transport" or {@code gateway/aim} "AIM Transport". */
  public Identity identity() {
    return Identity.of("gateway", discoType, name);
  }

  /** "ICQ Transport" or "AIM Transport". */
  public String transportName() {
    return name;
  }

  /** "ICQ" or "AIM", as in "Register with AIM". */
  public String networkName() {
    return network;
  }

  /** The instructions of the registration form and of the "Register" command. */
  public String registrationInstructions() {
    return registrationInstructions;
  }

  /** The label of the account field ({@code username}) of those forms. */
  public String accountLabel() {
    return accountLabel;
  }

  /** {@code jabber:iq:gateway}: the {@code <desc/>}. */
  public String gatewayDescription() {
    return gatewayDescription;
  }

  /** {@code jabber:iq:gateway}: the {@code <prompt/>}. */
  public String gatewayPrompt() {
    return gatewayPrompt;
  }
}
