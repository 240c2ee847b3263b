/** One handler per protocol area: service discovery, registration, jabber:iq:gateway, version, ping, presence and messages. */
package net.icqtransport.xmpp.handler;
