package net.icqtransport.xmpp.command;

import java.util.Objects;
import net.icqtransport.xmpp.form.DataForm;

/**
 * What a command stage answers (XEP-0050 §3.4): either a form to fill in (status {@code executing}) or the
 * end (status {@code completed}) with a note and maybe a result form.
 *
 * @param executing whether the command waits for a form
 * @param note the {@code <note type='info'/>} of a completed command, or null
 * @param form the form to fill in, or the result form, or null
 * @param afterReply run after the answer was sent (e.g. presences that must follow it)
 */
public record CommandStep(boolean executing, String note, DataForm form, Runnable afterReply) {

  public CommandStep {
    Objects.requireNonNull(afterReply, "afterReply");
    if (executing && form == null) {
      throw new IllegalArgumentException("an executing command shows a form");
    }
  }

  /** Asks the requester to fill in a form; the next stage gets it. */
  public static CommandStep form(DataForm form) {
    return new CommandStep(true, null, Objects.requireNonNull(form, "form"), () -> {});
  }

  /** Ends the command with a note. */
  public static CommandStep completed(String note) {
    return new CommandStep(false, note, null, () -> {});
  }

  /** Ends the command with a result form and an optional note. */
  public static CommandStep completed(String note, DataForm result) {
    return new CommandStep(false, note, Objects.requireNonNull(result, "result"), () -> {});
  }

  /** The same step, running {@code action} once its answer was sent. */
  public CommandStep then(Runnable action) {
    return new CommandStep(executing, note, form, action);
  }
}
