/** Family 0x03, buddy list management: contacts arriving and departing, and the user-info block they carry. */
package net.icqtransport.oscar.snac.buddy;
