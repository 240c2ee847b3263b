/** The sandbox: a private Prosody, the OSCAR simulator with demo accounts and the transport, for a first try. */
package net.icqtransport.distribution.sandbox;
