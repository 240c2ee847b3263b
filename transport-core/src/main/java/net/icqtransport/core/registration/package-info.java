/**
 * What the transport keeps durably: per Jabber user the registration (user ⇄ legacy account and password), the
 * outbox of messages not yet delivered to the user and which contacts were synced to the user's roster; per
 * login server the login rate the transport learned from it.
 */
package net.icqtransport.core.registration;
