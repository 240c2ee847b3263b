/**
 * Family 0x02, location: the client's capability GUIDs and away text (02/04), and other users' profiles and away
 * messages asked for with 02/15 or 02/05 and answered by 02/06.
 */
package net.icqtransport.oscar.snac.location;
