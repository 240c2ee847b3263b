/**
 * Ad-hoc commands (XEP-0050) of the transport: one class per command, their registry, sessions and the admin
 * subset of XEP-0133; and the chat commands, which run the same commands from a message to the transport.
 */
package net.icqtransport.xmpp.command;
