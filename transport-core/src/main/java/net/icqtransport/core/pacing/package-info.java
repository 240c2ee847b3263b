/** Spacing events at a rate: the virtual-scheduling form of the generic cell rate algorithm (ITU-T I.371 §4.4.2). */
package net.icqtransport.core.pacing;
