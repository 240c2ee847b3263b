package net.icqtransport.xmpp.testing;

/** A real XMPP server run privately by a test (Prosody or ejabberd), with one component domain. */
public interface XmppTestServer extends AutoCloseable {

  /** Starts the server and waits until its client and component listeners accept connections. */
  void start();

  /** Stops the server and waits for it to exit; {@link #start()} may follow. */
  void stop();

  /** Registers {@code user@localhost}. */
  void addUser(String user, String password);

  int clientPort();

  int componentPort();

  String componentDomain();

  String componentSecret();

  /** The server's running processes (for their CPU time); empty when it is not running. */
  java.util.List<ProcessHandle> processes();

  /** The server's log so far, for failure messages. */
  String log();

  /** Stops the server and removes what it wrote. */
  @Override
  void close();
}
