/** Encryption of the secrets the transport keeps at rest: users' legacy passwords, with AES-256-GCM. */
package net.icqtransport.core.crypto;
