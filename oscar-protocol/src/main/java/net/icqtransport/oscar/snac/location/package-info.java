/** Family 0x02, location: the client's capability GUIDs (and later profile / away texts). */
package net.icqtransport.oscar.snac.location;
