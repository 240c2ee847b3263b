package net.icqtransport.core.bridge;


/**
 * What the XMPP side asks of the transport on behalf of Jabber users, by role: {@link Registrations},
 * {@link UserSessions}, {@link ContactLists}, {@link Directory}, {@link Administration} and {@link GroupChats}. A part of the XMPP side
 * takes only the role it needs; the bridge ({@link BridgeGateway}) plays them all.
 *
 * <p>The operations that need the user's session fail with {@link NotLoggedInException} when it is not online; a
 * feature the legacy network lacks fails with {@link UnsupportedOperationException}.
 */
public interface Gateway extends Registrations, UserSessions, ContactLists, Directory, Administration, GroupChats {}
