/** Family 0x15, ICQ extensions: little-endian chunks in TLV 0x01 of SNAC(15,02)/(15,03): offline messages, META info and search. */
package net.icqtransport.oscar.snac.icq;
