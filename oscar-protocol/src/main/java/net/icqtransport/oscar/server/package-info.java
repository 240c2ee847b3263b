/**
 * An OSCAR (ICQ) server simulator: login server (MD5/BUCP and legacy channel-1 login, login rate limits), BOS
 * server (sign-on, enforced rate classes, rights, server-stored list with edits and authorization, presence,
 * invisibility, away messages, messages on channels 1, 2 and 4, offline messages, ICQ info and search), a BART
 * service for buddy icons, and echo bots, written from the iserverd OSCAR reference as an independent check of
 * our client; on demand it is as rude as real servers (old-client kicks, login lockout, split FLAP starts; see
 * OSCAR-SERVERS.md). Start one with {@link
 * net.icqtransport.oscar.server.OscarSimulator#builder()} or run {@link
 * net.icqtransport.oscar.server.OscarSimulatorMain}.
 */
package net.icqtransport.oscar.server;
