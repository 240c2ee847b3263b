/** Family 0x17 (BUCP / MD5 login) and the legacy channel-1 login: requests, replies, password hashing. */
package net.icqtransport.oscar.snac.auth;
