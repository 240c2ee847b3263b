/** What the bridge tells a Jabber user, written as stanzas from contact JIDs and from the transport itself. */
package net.icqtransport.xmpp.endpoint;
