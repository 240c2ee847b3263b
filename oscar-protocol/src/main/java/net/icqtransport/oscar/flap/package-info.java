/** FLAP, OSCAR's framing layer: 6-byte header (0x2A, channel, sequence, length) and payload. */
package net.icqtransport.oscar.flap;
