/** The port through which the XMPP side gets contacts' avatar images (XEP-0054 PHOTO, XEP-0153), whoever caches them. */
package net.icqtransport.xmpp.avatar;
