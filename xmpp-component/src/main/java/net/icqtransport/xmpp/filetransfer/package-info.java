/** Files between ICQ and Jabber: ICQ offers uploaded with XEP-0363 and linked (XEP-0066), OOB links offered to ICQ. */
package net.icqtransport.xmpp.filetransfer;
