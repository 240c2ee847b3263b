package net.icqtransport.xmpp.connection;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * A second XEP-0114 link that claims a route left vacant by a dead instance when several transport instances
 * share one component domain behind ejabberd's {@code domain_balancing} ({@code component_number: N}).
 *
 * <p>Why it is needed (read from ejabberd 23.01's {@code ejabberd_router} and {@code ejabberd_router_mnesia}):
 * with {@code component_number} set, the domain has N route slots. A component connection takes a free slot
 * when it authenticates; when it goes away its slot stays, with no process behind it. Stanzas are balanced
 * over all N slots by the hash of the sender's bare JID, and those that hash to an empty slot are dropped
 * silently (no error is returned to the sender). So the server does <em>not</em> send a dead instance's users
 * to the survivors by itself: a survivor must connect again to fill the slot. A connection made while every
 * slot is taken is accepted but gets no slot and receives nothing.
 *
 * <p>So this link connects every {@code interval} (the first time after {@value #FIRST_ATTEMPT_INTERVALS}
 * intervals), then proves whether it holds a slot: it sends
 * {@value #CHECKS} headline messages to the component domain, each from a different JID of that domain, so
 * that their bare-JID hashes cover every slot; if one of them (or any other stanza) comes back on this very
 * link, it holds a slot and it stays, passing what it receives to the normal inbound path, and
 * {@code claimed} runs (the component then probes its users, XEP-0100 §4.4, to take them over). Otherwise it
 * disconnects and tries again later. Checks that land on other links are recognised by {@link #isCheck} and
 * dropped by every instance.
 */
public final class SpareLink {
  private static final Logger LOG = LoggerFactory.getLogger(SpareLink.class);
  private static final String CHECK_PREFIX = "slot-check-";
  static final int CHECKS = 16;
  private static final Duration PROOF_WAIT = Duration.ofSeconds(2);
  /**
   * The first attempt waits this many intervals: instances started together must each get a slot with their
   * own first link before a spare link may take one (measured: with one interval, the first instance's spare
   * sometimes took the second instance's slot, and every user ended up on the first).
   */
  static final int FIRST_ATTEMPT_INTERVALS = 5;

  private final ComponentConnector connector;
  private final String domain;
  private final Duration interval;
  private final Consumer<Packet> inbound;
  private final Runnable claimed;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile CountDownLatch proof = new CountDownLatch(1);
  private volatile String nonce = "";
  private volatile ComponentLink link;

  /**
   * @param connectorFactory makes the connector, given the sink that must receive this link's stanzas
   * @param inbound where the stanzas received on a claimed link go (the component's normal inbound path)
   * @param claimed run after the link proved it holds a slot
   */
  public SpareLink(
      Function<Consumer<Packet>, ComponentConnector> connectorFactory,
      String domain,
      Duration interval,
      Consumer<Packet> inbound,
      Runnable claimed) {
    this.domain = Objects.requireNonNull(domain, "domain");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.inbound = Objects.requireNonNull(inbound, "inbound");
    this.claimed = Objects.requireNonNull(claimed, "claimed");
    this.connector = connectorFactory.apply(this::receive);
    this.thread = new Thread(this::run, "xmpp-spare-link");
    this.thread.setDaemon(true);
  }

  /** Whether {@code packet} is a slot check (of any instance): not a stanza for the transport. */
  public static boolean isCheck(Packet packet, String domain) {
    JID from = packet.getFrom();
    return packet instanceof Message && packet.getID() != null && packet.getID().startsWith(CHECK_PREFIX)
        && from != null && domain.equals(from.getDomain());
  }

  public void start() {
    thread.start();
  }

  /** Whether this link holds a route slot now. */
  public boolean holdsSlot() {
    ComponentLink current = link;
    return current != null && current.isOpen() && proof.getCount() == 0;
  }

  public void stop() {
    running = false;
    thread.interrupt();
    ComponentLink current = link;
    if (current != null) {
      current.close();
    }
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void receive(Packet packet) {
    if (isCheck(packet, domain)) {
      if (packet.getID().startsWith(CHECK_PREFIX + nonce + "-")) {
        proof.countDown();
      }
      return;
    }
    proof.countDown(); // only a link with a slot receives anything
    inbound.accept(packet);
  }

  private void run() {
    boolean first = true;
    while (running) {
      try {
        Thread.sleep(interval.toMillis() * (first ? FIRST_ATTEMPT_INTERVALS : 1));
        first = false;
        nonce = UUID.randomUUID().toString();
        proof = new CountDownLatch(1);
        ComponentLink opened;
        try {
          opened = connector.connect();
        } catch (Exception e) {
          LOG.debug("Spare component link not connected: {}", e.toString());
          continue;
        }
        link = opened;
        for (int i = 0; i < CHECKS; i++) {
          Message check = new Message();
          check.setType(Message.Type.headline);
          check.setID(CHECK_PREFIX + nonce + "-" + i);
          check.setFrom(new JID(CHECK_PREFIX + i, domain, null));
          check.setTo(domain);
          opened.write(check);
        }
        if (proof.await(PROOF_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.info("Spare component link claimed a vacant route of {}: taking over its users", domain);
          claimed.run();
          opened.awaitClosed();
          LOG.info("Spare component link of {} lost", domain);
        }
        opened.close();
        link = null;
      } catch (InterruptedException e) {
        if (!running) {
          return;
        }
      } catch (RuntimeException e) {
        LOG.warn("Spare component link failed", e);
      }
    }
  }
}
