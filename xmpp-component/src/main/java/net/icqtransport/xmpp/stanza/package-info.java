/** Stanza plumbing shared by the handlers: the sender port, stanza errors (RFC 6120 §8.3) and XML-safe text. */
package net.icqtransport.xmpp.stanza;
