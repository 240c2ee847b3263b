/** Running a private XMPP server (Prosody) for the sandbox and the tests; knows Prosody, not OSCAR. */
package net.icqtransport.xmpp.server;
