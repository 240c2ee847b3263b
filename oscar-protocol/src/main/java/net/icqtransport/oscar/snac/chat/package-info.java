/**
 * Families 0x0D (chat navigation: finding and creating rooms) and 0x0E (chat: one service connection per room),
 * and the chat invitation carried by a channel-2 rendezvous ICBM (iserverd {@code snac_0d_*}, {@code snac_0e_*},
 * {@code tlv_chat}, {@code capabilities}).
 */
package net.icqtransport.oscar.snac.chat;
