/** Family 0x04, ICBM (inter-client basic messages): channel 1, 2 (rendezvous, ICQ 0x2711) and 4 messages, acks, typing. */
package net.icqtransport.oscar.snac.icbm;
