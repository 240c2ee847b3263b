package net.icqtransport.core.bridge;

import java.util.ArrayList;
import java.util.List;
import net.icqtransport.core.legacy.LoginFailure;
import net.icqtransport.core.metrics.TransportMetrics;
import net.icqtransport.core.user.SessionState;

/** Records what the gateway reports, as readable event names, for assertions. */
final class CountingMetrics implements TransportMetrics {
  final List<String> events = new ArrayList<>();

  @Override
  public synchronized void sessionStateChanged(SessionState from, SessionState to) {
    events.add(from + "->" + to);
  }

  @Override
  public synchronized void loginSucceeded() {
    events.add("login");
  }

  @Override
  public synchronized void loginFailed(LoginFailure reason) {
    events.add("login failed " + reason);
  }

  @Override
  public synchronized void messageToLegacy() {
    events.add("to legacy");
  }

  @Override
  public synchronized void messageFromLegacy() {
    events.add("from legacy");
  }

  @Override
  public synchronized void messageBounced() {
    events.add("bounced");
  }

  @Override
  public synchronized void reconnectScheduled() {
    events.add("reconnect");
  }

  @Override
  public synchronized void registered() {
    events.add("registered");
  }

  @Override
  public synchronized void unregistered() {
    events.add("unregistered");
  }
}
