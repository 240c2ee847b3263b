/** The ICQ transport's core: the bridge between a Jabber user and a legacy IM network, knowing neither wire protocol. */
package net.icqtransport.core;
