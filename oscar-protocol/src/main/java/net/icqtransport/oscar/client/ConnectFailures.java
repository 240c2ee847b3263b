package net.icqtransport.oscar.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;

/** Why a TCP connection could not be made, in words for the user ("unknown host", "connection refused"). */
final class ConnectFailures {
  private ConnectFailures() {}

  static String describe(Throwable cause) {
    if (cause == null) {
      return "no reason given";
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      if (root instanceof UnknownHostException || root instanceof ConnectException) {
        break;
      }
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : root.getMessage();
    if (root instanceof UnknownHostException || root instanceof UnresolvedAddressException) {
      return "unknown host" + (message.isEmpty() ? "" : " (" + message + ")");
    }
    if (root instanceof NoRouteToHostException) {
      return "no route to host";
    }
    if (root instanceof ConnectException) {
      return message.isEmpty() ? "connection refused" : message;
    }
    return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
  }
}
