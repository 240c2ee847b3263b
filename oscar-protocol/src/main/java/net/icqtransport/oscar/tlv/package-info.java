/** TLVs (type u16, length u16, value), TLV blocks (u16 count + TLVs) and TLV chains (TLVs to the end). */
package net.icqtransport.oscar.tlv;
