/** Registrations (Jabber user ⇄ legacy account and password) and their durable store. */
package net.icqtransport.core.registration;
