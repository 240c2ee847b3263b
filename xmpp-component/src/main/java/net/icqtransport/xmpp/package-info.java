/** The XEP-0114 external component that shows the ICQ transport to Jabber users: settings and the facade the distribution wires. */
package net.icqtransport.xmpp;
