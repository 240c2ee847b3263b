/** Family 0x13, server-stored information: the contact list and its items. */
package net.icqtransport.oscar.snac.ssi;
