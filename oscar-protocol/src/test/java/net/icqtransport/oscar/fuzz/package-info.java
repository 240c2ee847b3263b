/** Property-based fuzzing (jqwik) of the OSCAR decoders and parsers: bad input ends in OscarProtocolException only. */
package net.icqtransport.oscar.fuzz;
