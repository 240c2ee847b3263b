/** XEP-0004 data forms as the search and command handlers build and read them. */
package net.icqtransport.xmpp.form;
