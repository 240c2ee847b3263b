/** The runnable transport: command line, configuration and the wiring of core, OSCAR and XMPP parts. */
package net.icqtransport.distribution;
