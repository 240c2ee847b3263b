/** XEP-0356 privileged entity: the roster permission the server grants the component, and roster access as a user. */
package net.icqtransport.xmpp.privilege;
