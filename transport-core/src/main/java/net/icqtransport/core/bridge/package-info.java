/** One bridge per online Jabber user, owning that user's legacy session, and the gateway that keeps them. */
package net.icqtransport.core.bridge;
