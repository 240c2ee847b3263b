/** The performance benchmark (relay rate and latency, sessions at scale, restart) and the stand-ins it drives. */
package net.icqtransport.distribution.benchmark;
