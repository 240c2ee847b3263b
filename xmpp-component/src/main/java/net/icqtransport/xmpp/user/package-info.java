/** The XMPP side's one home per user ({@link net.icqtransport.xmpp.user.XmppUser}) and the directory that makes and drops them. */
package net.icqtransport.xmpp.user;
