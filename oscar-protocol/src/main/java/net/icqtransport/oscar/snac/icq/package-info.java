/** Family 0x15, ICQ extensions: old ICQ server commands in a little-endian chunk in TLV 0x01 (offline messages). */
package net.icqtransport.oscar.snac.icq;
