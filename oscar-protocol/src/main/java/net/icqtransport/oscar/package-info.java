/** The OSCAR protocol (ICQ/AIM): codecs, a Netty client, and a server simulator; knows nothing of XMPP. */
package net.icqtransport.oscar;
