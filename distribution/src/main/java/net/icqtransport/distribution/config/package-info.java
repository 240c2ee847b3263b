/** The transport's configuration file (HOCON, every key documented in reference.conf) and its validation. */
package net.icqtransport.distribution.config;
