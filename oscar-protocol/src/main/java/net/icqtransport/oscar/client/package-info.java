/**
 * The OSCAR client: the connection pipeline, the login state machine (authorizer → redirect → BOS → client
 * ready) and keepalives. Knows OSCAR, not the bridge: what a session means for ICQ users lives in
 * {@code net.icqtransport.oscar.icq}.
 */
package net.icqtransport.oscar.client;
