/** Keeps users' XMPP rosters in step with their ICQ contact lists (XEP-0100 §5, XEP-0356, XEP-0144, XEP-0172). */
package net.icqtransport.xmpp.roster;
