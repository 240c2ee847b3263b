/** Family 0x15, ICQ extensions: the little-endian META chunks of SNAC(15,02)/(15,03) for user info and search. */
package net.icqtransport.oscar.snac.icq;
