/**
 * What operators see of a running transport: Micrometer meters (its own, the JVM's and the process's), the
 * /metrics and /health endpoint, log levels, the private data files, and the embedded database shared with the
 * command line.
 */
package net.icqtransport.distribution.operations;
