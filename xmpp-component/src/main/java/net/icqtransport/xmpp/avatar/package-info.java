/** Contacts' avatar images fetched from ICQ and cached, for the vCard PHOTO (XEP-0054) and XEP-0153 hashes. */
package net.icqtransport.xmpp.avatar;
