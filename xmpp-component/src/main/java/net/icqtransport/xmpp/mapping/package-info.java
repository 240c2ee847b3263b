/** The one place where transport-core values (statuses, failures, session states) become XMPP presence and stanza errors. */
package net.icqtransport.xmpp.mapping;
