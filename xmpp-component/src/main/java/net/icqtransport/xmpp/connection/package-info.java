/** The XEP-0114 connection to the XMPP server (on Netty's event loops, or through Whack): first connect with backoff, reconnects, and the ordered outbound queue. */
package net.icqtransport.xmpp.connection;
