/** What the bridge reports for metrics: a port the distribution implements (with Micrometer), no-op by default. */
package net.icqtransport.core.metrics;
