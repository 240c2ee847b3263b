/** Contacts' avatar images fetched from ICQ, identified by SHA-1 for XEP-0153 and the vCard PHOTO (XEP-0054). */
package net.icqtransport.xmpp.avatar;
