/** Ordered, never-dropping execution of inbound stanzas: one sequential lane per sender over a shared pool. */
package net.icqtransport.xmpp.dispatch;
