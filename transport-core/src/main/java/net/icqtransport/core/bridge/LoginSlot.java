package net.icqtransport.core.bridge;

/**
 * A login's turn, handed out by {@link LoginPacer#nextSlot}, and what the pacer knew when it handed it out. The
 * login gives it back to {@link LoginPacer#rateLimited} if the server refuses it for its rate limits (OSCAR login
 * errors 0x0018 and 0x001D).
 *
 * @param grantedAtNanos when the login could start, on the pacer's clock
 * @param pace how many logins per second the server was getting from the transport then: the pacer's rate, or
 *     the logins started in the second before this one when that was fewer (a pacer whose slots go unused, or
 *     one that could not keep its rate)
 * @param crowded whether this login was one of a crowd: at least two logins of other accounts started in the
 *     second before it or wait for their slots after it. A crowded login refused for the rate limits tells that the
 *     transport's pace overshot the server's limit of logins per address; a lone login refused (the same account's
 *     own logins do not count) tells about its account (a lockout after logins elsewhere), not about the pace.
 */
public record LoginSlot(long grantedAtNanos, double pace, boolean crowded) {}
