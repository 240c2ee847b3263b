package net.icqtransport.xmpp.handler;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.icqtransport.core.user.UserAddress;
import net.icqtransport.xmpp.address.Recipient;
import net.icqtransport.xmpp.address.TransportAddresses;
import net.icqtransport.xmpp.command.AdHocCommand;
import net.icqtransport.xmpp.command.CommandRegistry;
import net.icqtransport.xmpp.command.CommandRequest;
import net.icqtransport.xmpp.command.CommandSessions;
import net.icqtransport.xmpp.command.CommandStep;
import net.icqtransport.xmpp.form.SubmittedForm;
import net.icqtransport.xmpp.mapping.StanzaErrorMapping;
import net.icqtransport.xmpp.router.IqHandler;
import net.icqtransport.xmpp.stanza.Namespaces;
import net.icqtransport.xmpp.stanza.StanzaErrors;
import net.icqtransport.xmpp.stanza.StanzaException;
import net.icqtransport.xmpp.stanza.StanzaSender;
import org.dom4j.Element;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Runs ad-hoc commands (XEP-0050 §3.4) on the transport's domain: {@code execute} without a session starts
 * the command at stage 0; with the {@code sessionid} of a command waiting for a form, {@code execute},
 * {@code next} or {@code complete} runs the next stage with the submitted form, and {@code cancel} ends it
 * ({@code status='canceled'}, §3.4.3). {@code prev} is not offered and is refused.
 *
 * <p>Errors (§4.6): unknown node → {@code item-not-found}; a requester who may not run the command →
 * {@code forbidden} or {@code registration-required} (see {@link CommandRegistry}); an unknown, expired or
 * someone else's session → {@code bad-request} with {@code <bad-sessionid/>}; an action not offered →
 * {@code bad-request} with {@code <bad-action/>}.
 */
public final class CommandsHandler implements IqHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CommandsHandler.class);

  private final StanzaSender sender;
  private final TransportAddresses addresses;
  private final CommandRegistry commands;
  private final CommandSessions sessions;

  public CommandsHandler(StanzaSender sender, TransportAddresses addresses, CommandRegistry commands, CommandSessions sessions) {
    this.sender = Objects.requireNonNull(sender, "sender");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.commands = Objects.requireNonNull(commands, "commands");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
  }

  @Override
  public Set<String> namespaces() {
    return Set.of(Namespaces.COMMANDS);
  }

  @Override
  public void handle(IQ request, Recipient recipient) {
    if (!recipient.isTransport()) {
      throw new StanzaException(PacketError.Condition.feature_not_implemented, "Commands are run on the transport itself");
    }
    if (request.getType() != IQ.Type.set) {
      throw new StanzaException(PacketError.Condition.bad_request, "Commands are executed with an IQ set");
    }
    Element payload = request.getChildElement();
    String node = payload.attributeValue("node");
    if (node == null || node.isBlank()) {
      throw new StanzaException(PacketError.Condition.bad_request, "No command node");
    }
    AdHocCommand command = commands.find(node)
        .orElseThrow(() -> new StanzaException(PacketError.Condition.item_not_found, "No such command"));
    JID requester = request.getFrom();
    UserAddress user = addresses.userOf(requester);
    commands.checkMayRun(command, requester, user);

    String action = payload.attributeValue("action", "execute");
    String sessionId = payload.attributeValue("sessionid");
    int stage;
    if (sessionId == null) {
      if (!action.equals("execute")) {
        throw commandError(PacketError.Condition.bad_request, "bad-action", "Start a command with 'execute'");
      }
      sessionId = sessions.newId();
      stage = 0;
    } else {
      CommandSessions.Session session = sessions.find(sessionId, node, requester)
          .orElseThrow(() -> commandError(PacketError.Condition.bad_request, "bad-sessionid", "No such command session"));
      switch (action) {
        case "cancel" -> {
          sessions.remove(sessionId);
          sender.send(reply(request, node, sessionId, "canceled"));
          return;
        }
        case "execute", "next", "complete" -> stage = session.stage() + 1;
        default -> throw commandError(PacketError.Condition.bad_request, "bad-action", "'" + action + "' is not offered");
      }
    }
    run(request, command, new CommandRequest(requester, user, stage, SubmittedForm.in(payload)), sessionId);
  }

  private void run(IQ request, AdHocCommand command, CommandRequest commandRequest, String sessionId) {
    CompletableFuture<CommandStep> step = command.execute(commandRequest);
    step.whenComplete((result, failure) -> {
      if (failure != null) {
        Throwable cause = AsyncFailures.unwrap(failure);
        PacketError error = cause instanceof StanzaException refused
            ? refused.toPacketError()
            : StanzaErrorMapping.forGatewayFailure(cause, "run '" + command.name() + "'");
        LOG.debug("Command {} of {} failed: {}", command.node(), commandRequest.user(), cause.toString());
        sender.send(StanzaErrors.iqError(request, error));
        return;
      }
      if (result.executing()) {
        sessions.save(sessionId, command.node(), commandRequest.requester(), commandRequest.stage());
        IQ reply = reply(request, command.node(), sessionId, "executing");
        Element actions = reply.getChildElement().addElement("actions").addAttribute("execute", "complete");
        actions.addElement("complete");
        result.form().appendTo(reply.getChildElement());
        sender.send(reply);
      } else {
        sessions.remove(sessionId);
        IQ reply = reply(request, command.node(), sessionId, "completed");
        if (result.note() != null) {
          reply.getChildElement().addElement("note").addAttribute("type", "info").setText(result.note());
        }
        if (result.form() != null) {
          result.form().appendTo(reply.getChildElement());
        }
        sender.send(reply);
        result.afterReply().run();
      }
    });
  }

  private static IQ reply(IQ request, String node, String sessionId, String status) {
    IQ reply = IQ.createResultIQ(request);
    reply.setChildElement("command", Namespaces.COMMANDS)
        .addAttribute("node", node)
        .addAttribute("sessionid", sessionId)
        .addAttribute("status", status);
    return reply;
  }

  /** A stanza error with XEP-0050's application-specific condition (§4.6), e.g. {@code <bad-sessionid/>}. */
  private static StanzaException commandError(PacketError.Condition condition, String specific, String text) {
    return new StanzaException(condition, condition.getDefaultType(), text, QName.get(specific, Namespaces.COMMANDS));
  }
}
