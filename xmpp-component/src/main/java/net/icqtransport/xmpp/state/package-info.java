/** In-memory presence state the component shows to users: the transport's own presence and the last known contact presences. */
package net.icqtransport.xmpp.state;
