/**
 * An OSCAR (ICQ) server simulator: login server (MD5/BUCP and legacy channel-1 login), BOS server (sign-on,
 * rate classes, rights, server-stored contact list, presence, channel-1 messages) and echo bots, written from
 * the iserverd OSCAR reference as an independent check of our client. Start one with {@link
 * net.icqtransport.oscar.server.OscarSimulator#builder()} or run {@link
 * net.icqtransport.oscar.server.OscarSimulatorMain}.
 */
package net.icqtransport.oscar.server;
