/** What the transport and contact JIDs say they are (XEP-0030 identities and features) and its XEP-0115 capabilities hash. */
package net.icqtransport.xmpp.disco;
