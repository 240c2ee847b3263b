/** Routes each inbound stanza to the handler of its protocol area and turns handler failures into stanza errors. */
package net.icqtransport.xmpp.router;
