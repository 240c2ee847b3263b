/** Client-side TLS shared by both links: whom to trust (RFC 5280) and how a refused certificate is described (RFC 6125). */
package net.icqtransport.core.tls;
