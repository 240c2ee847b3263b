/** What a legacy IM network (ICQ today) implements for the bridge: sessions, contacts, statuses, login results. */
package net.icqtransport.core.legacy;
