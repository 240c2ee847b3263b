/** Outgoing SNAC pacing per rate class (SNAC(01,07) and (01,0A), iserverd {@code rate_limits.txt}). */
package net.icqtransport.oscar.client.rate;
