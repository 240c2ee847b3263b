/** SNACs, the typed messages carried on FLAP channel 2: header (family, subtype, flags, request id) and data. */
package net.icqtransport.oscar.snac;
