package net.icqtransport.xmpp.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import net.icqtransport.core.bridge.Gateway;
import net.icqtransport.core.legacy.LegacyContactId;
import net.icqtransport.core.legacy.LegacySearchQuery;
import net.icqtransport.core.legacy.LegacyUserInfo;
import net.icqtransport.core.registration.Registration;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.handler.Unregistration;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.router.RegistrationCheck;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Message;
import net.icqtransport.xmpp.user.XmppUsers;

/**
 * Chat commands (issue #17): a message with a body to the transport's own JID is a command line, for clients
 * that run neither XEP-0077 nor XEP-0050. The first word is the command ({@code help}, {@code register},
 * {@code status}, {@code away <text>}, {@code invisible on|off}, {@code reconnect}, {@code find <text>},
 * {@code info <UIN>}, {@code block <contact>}, {@code unblock <contact>}, {@code blocked}, {@code unregister}), the
 * rest its argument. Every answer is one chat message from the
 * transport's JID to the sending resource, in the message's {@code xml:lang} where {@link ChatTexts} has it,
 * else English; bad input (unknown command, missing argument, not registered) is answered the same way, as
 * text, not as a stanza error, because it is a person typing.
 *
 * <p>What the ad-hoc commands do is done by them: {@code away}, {@code invisible} and {@code reconnect}
 * call {@link StatusMessageCommand#set}, {@link InvisibilityCommand#set} and
 * {@link ReconnectCommand#reconnect}; {@code unregister confirm} is the same {@link Unregistration} as the
 * "Unregister" command and XEP-0077 {@code <remove/>}. {@code register} never takes a password: servers
 * archive messages, so it names the registration form and the "Register" command instead. Bodies are never
 * logged.
 */
public final class ChatCommands {
  private static final Logger LOG = LoggerFactory.getLogger(ChatCommands.class);
  private static final QName XML_LANG = QName.get("lang", "xml", "http://www.w3.org/XML/1998/namespace");
  private static final java.util.Set<String> KNOWN = java.util.Set.of(
      "help", "register", "status", "away", "invisible", "reconnect", "find", "info", "block", "unblock", "blocked",
      "unregister");
  /** At most this many search results are listed: a chat message is no table. */
  static final int MAX_RESULTS = 20;

  private final StanzaSender sender;
  private final Gateway gateway;
  private final TransportAddresses addresses;
  private final XmppUsers users;
  private final Unregistration unregistration;
  private final StatusMessageCommand statusMessage;
  private final InvisibilityCommand invisibility;
  private final ReconnectCommand reconnect;
  private final RegistrationCheck registered;
  private final ContactBlocking blocking;

  public ChatCommands(StanzaSender sender, Gateway gateway, TransportAddresses addresses, XmppUsers users,
      Unregistration unregistration, CommandRegistry commands) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.users = Objects.requireNonNull(users, "users");
    this.unregistration = Objects.requireNonNull(unregistration, "unregistration");
    this.statusMessage = commands.require(StatusMessageCommand.NODE, StatusMessageCommand.class);
    this.invisibility = commands.require(InvisibilityCommand.NODE, InvisibilityCommand.class);
    this.reconnect = commands.require(ReconnectCommand.NODE, ReconnectCommand.class);
    this.registered = RegistrationCheck.of(gateway);
    this.blocking = commands.require(BlockedContactsCommand.NODE, BlockedContactsCommand.class).blocking();
  }

  /** Runs the command line in the message's body and answers the sender. */
  public void handle(Message message) {
    String[] words = message.getBody().strip().split("\\s+", 2);
    String command = words[0].toLowerCase(Locale.ROOT);
    String argument = words.length < 2 ? "" : words[1].strip();
    ChatTexts texts = ChatTexts.forLanguage(message.getElement().attributeValue(XML_LANG));
    UserAddress user = addresses.userOf(message.getFrom());
    String domain = addresses.domain().getDomain();
    // Only known command names are logged: an unknown first word may be anything the user typed.
    LOG.debug("Chat command '{}' from {}", KNOWN.contains(command) ? command : "(unknown)", user);
    switch (command) {
      case "help" -> answer(message, texts,
          texts.text(registered.isRegistered(user) ? "help.registered" : "help.unregistered", domain));
      case "register" -> answer(message, texts, gateway.registration(user)
          .map(registration -> texts.text("register.already", shownAccount(user, registration), domain))
          .orElseGet(() -> texts.text("register.how", domain)));
      case "status", "away", "invisible", "reconnect", "find", "info", "block", "unblock", "blocked", "unregister" -> {
        if (!registered.isRegistered(user)) {
          answer(message, texts, texts.text("not.registered"));
        } else {
          registeredCommand(message, texts, user, command, argument);
        }
      }
      default -> answer(message, texts, texts.text("unknown", abbreviate(command)));
    }
  }

  private void registeredCommand(Message message, ChatTexts texts, UserAddress user, String command, String argument) {
    switch (command) {
      case "status" -> answer(message, texts, status(texts, user));
      case "away" -> {
        if (argument.isEmpty()) {
          missing(message, texts, command, "away.argument");
        } else {
          String text = argument.equalsIgnoreCase("off") ? null : argument;
          answer(message, texts, texts.english(statusMessage.set(user, text)));
        }
      }
      case "invisible" -> {
        switch (argument.toLowerCase(Locale.ROOT)) {
          case "on" -> answer(message, texts, texts.english(invisibility.set(user, true)));
          case "off" -> answer(message, texts, texts.english(invisibility.set(user, false)));
          default -> missing(message, texts, command, "invisible.argument");
        }
      }
      case "reconnect" -> answer(message, texts, texts.english(reconnect.reconnect(user)));
      case "find" -> {
        if (argument.isEmpty()) {
          missing(message, texts, command, "find.argument");
        } else {
          find(message, texts, user, argument);
        }
      }
      case "info" -> {
        if (argument.isEmpty()) {
          missing(message, texts, command, "info.argument");
        } else {
          info(message, texts, user, argument);
        }
      }
      case "block", "unblock" -> {
        if (argument.isEmpty()) {
          missing(message, texts, command, "block.argument");
          return;
        }
        java.util.Optional<LegacyContactId> contact = blocking.parse(argument);
        if (contact.isEmpty()) {
          answer(message, texts, texts.text("info.bad", abbreviate(argument)));
        } else if (command.equals("block")) {
          answerLater(message, texts, "block the contact", blocking.block(user, contact.get())
              .thenApply(v -> texts.text("blocked.one", contact.get().value())));
        } else {
          answerLater(message, texts, "unblock the contact", blocking.unblock(user, contact.get())
              .thenApply(v -> texts.text("unblocked.one", contact.get().value())));
        }
      }
      case "blocked" -> answerLater(message, texts, "read your blocked contacts", blocking.blocked(user)
          .thenApply(list -> list.isEmpty() ? texts.text("blocked.none")
              : texts.text("blocked.list", String.join("\n", list.stream().map(LegacyContactId::value).toList()))));
      case "unregister" -> unregister(message, texts, user, argument);
      default -> throw new IllegalArgumentException(command);
    }
  }

  /**
   * The registered account as the user knows it: its owner's spelling when the session reported one (an AIM
   * screen name registered as "Joe User" is stored as {@code joeuser}), else the stored id.
   */
  private String shownAccount(UserAddress user, Registration registration) {
    return gateway.accountDisplayName(user).orElse(registration.credentials().account().value());
  }

  private String status(ChatTexts texts, UserAddress user) {
    String account = gateway.registration(user).map(registration -> shownAccount(user, registration)).orElse("?");
    String connection = users.of(user).transportPresence()
        .filter(presence -> presence.getType() == null || presence.getStatus() != null)
        .map(presence -> presence.getStatus() != null ? texts.english(presence.getStatus()) : texts.text("status.online"))
        .orElseGet(() -> texts.text("status.offline"));
    return texts.text("status", account, connection,
        texts.text(users.of(user).isInvisible() ? "status.yes" : "status.no"),
        users.of(user).statusMessage().map(text -> "'" + text + "'").orElse(texts.text("status.client")));
  }

  private void find(Message message, ChatTexts texts, UserAddress user, String text) {
    LegacySearchQuery query;
    if (text.contains("@")) {
      query = LegacySearchQuery.byEmail(text);
    } else if (text.chars().allMatch(Character::isDigit)) {
      query = LegacySearchQuery.byUin(new LegacyContactId(text));
    } else {
      query = LegacySearchQuery.byDetails(text, null, null);
    }
    answerLater(message, texts, "search the ICQ directory", gateway.search(user, query).thenApply(results -> {
      if (results.isEmpty()) {
        return texts.text("find.none");
      }
      StringJoiner lines = new StringJoiner("\n");
      lines.add(texts.text("find.results", results.size()));
      results.stream().limit(MAX_RESULTS).forEach(result -> lines.add(texts.english(summary(result))));
      return lines.toString();
    }));
  }

  private void info(Message message, ChatTexts texts, UserAddress user, String text) {
    LegacyContactId contact;
    try {
      contact = gateway.parseContactId(text);
    } catch (IllegalArgumentException e) {
      answer(message, texts, texts.text("info.bad", abbreviate(text)));
      return;
    }
    answerLater(message, texts, "fetch the user's info", gateway.fetchUserInfo(user, contact).thenApply(info -> {
      StringJoiner lines = new StringJoiner("\n");
      lines.add(texts.text("info.result", info.id().value()));
      details(info).forEach(line -> lines.add(texts.english(line)));
      return lines.toString();
    }));
  }

  private void unregister(Message message, ChatTexts texts, UserAddress user, String argument) {
    if (!argument.equalsIgnoreCase("confirm")) {
      String account = gateway.registration(user).map(registration -> registration.credentials().account().value())
          .orElse("");
      answer(message, texts, texts.text("unregister.confirm", account));
      return;
    }
    unregistration.remove(user).whenComplete((existed, failure) -> {
      if (failure != null) {
        LOG.warn("Unregistering {} by chat command failed", user, failure);
        answer(message, texts, texts.text("failed", texts.english(
            StanzaErrorMapping.forGatewayFailure(unwrap(failure), "remove the registration").getText())));
        return;
      }
      answer(message, texts, texts.text("unregistered"));
      unregistration.announce(user);
    });
  }

  /** "123456 Nick (First Last, City)": the id always, the rest where known. */
  private static String summary(LegacyUserInfo info) {
    StringBuilder line = new StringBuilder(info.id().value());
    if (info.nickname() != null && !info.nickname().isBlank()) {
      line.append(' ').append(info.nickname());
    }
    List<String> more = new ArrayList<>();
    String name = joined(info.firstName(), info.lastName());
    if (!name.isEmpty()) {
      more.add(name);
    }
    if (info.city() != null && !info.city().isBlank()) {
      more.add(info.city());
    }
    if (!more.isEmpty()) {
      line.append(" (").append(String.join(", ", more)).append(')');
    }
    if (Boolean.TRUE.equals(info.online())) {
      line.append(" - online");
    }
    return line.toString();
  }

  private static List<String> details(LegacyUserInfo info) {
    List<String> lines = new ArrayList<>();
    add(lines, "Nickname", info.nickname());
    add(lines, "Name", joined(info.firstName(), info.lastName()));
    add(lines, "E-mail", info.email());
    add(lines, "City", info.city());
    add(lines, "State", info.state());
    add(lines, "Country", info.country());
    add(lines, "Age", info.age() == null ? null : info.age().toString());
    add(lines, "Gender", info.gender() == null ? null : info.gender().name().toLowerCase(Locale.ROOT));
    add(lines, "Home page", info.homePage());
    add(lines, "About", info.about());
    if (info.authorizationRequired() != null) {
      add(lines, "Authorization required", info.authorizationRequired() ? "yes" : "no");
    }
    return lines;
  }

  private static void add(List<String> lines, String label, String value) {
    if (value != null && !value.isBlank()) {
      lines.add(label + ": " + value.strip());
    }
  }

  private static String joined(String first, String last) {
    return ((first == null ? "" : first.strip()) + " " + (last == null ? "" : last.strip())).strip();
  }

  private void missing(Message message, ChatTexts texts, String command, String argumentKey) {
    answer(message, texts, texts.text("missing", command, texts.text(argumentKey)));
  }

  /** Answers when the gateway did; a failure is said in words, as the stanza error would say it. */
  private void answerLater(Message message, ChatTexts texts, String what, CompletableFuture<String> answer) {
    answer.whenComplete((text, failure) -> {
      if (failure == null) {
        answer(message, texts, text);
      } else {
        Throwable cause = unwrap(failure);
        LOG.debug("Chat command of {} failed: {}", message.getFrom(), cause.toString());
        String reason = StanzaErrorMapping.forGatewayFailure(cause, what).getText();
        answer(message, texts, texts.text("failed", texts.english(reason)));
      }
    });
  }

  private void answer(Message command, ChatTexts texts, String text) {
    Message answer = new Message();
    answer.setType(Message.Type.chat);
    answer.setFrom(addresses.domain());
    answer.setTo(command.getFrom());
    answer.getElement().addAttribute(XML_LANG, texts.language());
    if (command.getThread() != null) {
      answer.setThread(command.getThread());
    }
    answer.setBody(text);
    sender.send(answer);
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  /** Unknown input is quoted back, but never more than a short prefix of it. */
  private static String abbreviate(String text) {
    return text.length() <= 20 ? text : text.substring(0, 20) + "…";
  }
}
