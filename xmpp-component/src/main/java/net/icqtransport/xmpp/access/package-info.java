/** Who may use the transport and how much: registration domains, per-user rate limits, stanza size limits. */
package net.icqtransport.xmpp.access;
