/** The XMPP side as the bridge sees it: the user's address and what the bridge tells the user. */
package net.icqtransport.core.user;
