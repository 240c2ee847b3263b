/** ICQ over OSCAR as a {@link net.icqtransport.core.legacy.LegacyNetwork}: sessions, statuses, UINs. */
package net.icqtransport.oscar.icq;
