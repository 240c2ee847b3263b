/** OSCAR File Transfer (OFT2): the 256-byte header, its checksum, and the rendezvous proxy's framing. */
package net.icqtransport.oscar.oft;
