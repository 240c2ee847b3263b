/** Test fixtures for the core: a scripted fake legacy network, a recording user endpoint, a manual clock. */
package net.icqtransport.core.testing;
