/**
 * ICQ chat rooms as XEP-0045 multi-user chat rooms (issue #18): a room of exchange 4 is
 * {@code #name@icq.example.org} ({@link net.icqtransport.xmpp.address.TransportAddresses#roomJid}); a user's
 * nickname in it is the user's ICQ number, as OSCAR has no room nicknames.
 *
 * <ul>
 *   <li>{@link net.icqtransport.xmpp.muc.RoomRouting}: stanzas to room JIDs go here, the rest to the usual
 *       handlers.
 *   <li>{@link net.icqtransport.xmpp.muc.RoomPresences}: join (§7.2), presence updates, nickname changes refused
 *       (§7.6), leave (§7.14), and resources that go offline.
 *   <li>{@link net.icqtransport.xmpp.muc.RoomMessages}: groupchat messages (§7.4), private messages refused
 *       (§7.5), subject changes refused (§8.1).
 *   <li>{@link net.icqtransport.xmpp.muc.RoomInvitations}: mediated invitations from the user (§7.8.2) and
 *       direct invitations (XEP-0249) for ICQ ones.
 *   <li>{@link net.icqtransport.xmpp.muc.RoomEvents}: what the bridge reports (occupants, messages, rooms
 *       left) as stanzas from the room.
 *   <li>{@link net.icqtransport.xmpp.muc.RoomStanzas}: the presences and messages a room sends.
 * </ul>
 *
 * <p>The state (which of a user's resources are in which room, with which nickname) lives in the user's
 * {@link net.icqtransport.xmpp.user.JoinedRoom}s, on the user's lane.
 */
package net.icqtransport.xmpp.muc;
