/** What operators see of a running transport: Micrometer meters, the /metrics and /health endpoint, log levels. */
package net.icqtransport.distribution.operations;
