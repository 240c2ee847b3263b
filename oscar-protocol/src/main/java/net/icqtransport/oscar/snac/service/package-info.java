/** Family 0x01, generic service controls: families, versions, rate classes, status, client ready. */
package net.icqtransport.oscar.snac.service;
