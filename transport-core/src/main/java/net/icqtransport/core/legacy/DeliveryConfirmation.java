package net.icqtransport.core.legacy;

/**
 * Handed over with stored messages: calling {@link #confirm()} tells the legacy network that they were
 * passed on safely, so it may delete them (ICQ: SNAC 15/02 type 0x003E). Never calling it leaves them on the
 * server for the next login: nothing is lost.
 */
@FunctionalInterface
public interface DeliveryConfirmation {
  void confirm();
}
