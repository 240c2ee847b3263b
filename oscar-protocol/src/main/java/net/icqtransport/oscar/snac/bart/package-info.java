/** Family 0x10, BART (buddy icons): ids, upload and the ICQ download, usually on a service connection. */
package net.icqtransport.oscar.snac.bart;
