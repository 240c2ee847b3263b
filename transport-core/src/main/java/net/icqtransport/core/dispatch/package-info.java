/** Ordered, never-dropping execution per key (one lane per user) over a shared pool, used by both sides of the bridge. */
package net.icqtransport.core.dispatch;
