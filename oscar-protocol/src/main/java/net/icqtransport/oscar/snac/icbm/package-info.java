/** Family 0x04, ICBM (inter-client basic messages): channel-1 text messages, parameters, server acks. */
package net.icqtransport.oscar.snac.icbm;
