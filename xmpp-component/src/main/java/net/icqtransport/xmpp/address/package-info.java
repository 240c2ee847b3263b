/** The one owner of address translation: component domain, contact JIDs ({@code UIN@domain}) and users' bare JIDs (XEP-0100 §6). */
package net.icqtransport.xmpp.address;
