#!/usr/bin/python3
"""A Jabber user of the ICQ transport written with slixmpp (Debian package python3-slixmpp), for
SlixmppClientEndToEndTest (issue #17): a client that is not Smack tries the ways to register and to talk.

It logs in to the test's Prosody without TLS (the private Prosody offers none; SCRAM-SHA-1 over plain TCP on
127.0.0.1), registers with the transport either with the XEP-0077 form (--register form, as a client with a
"register with a service" dialog does) or with the XEP-0050 ad-hoc command "register" (--register command, as a
client that runs commands does), accepts the transport's subscription request the way slixmpp does by default
(approve and ask back), waits for the welcome message and the transport's available presence, then
  - sends --message to the ICQ contact --contact@transport and waits for the contact's answer --reply,
  - sends "help" to the transport's own JID and waits for the list of commands.

Every step prints one line the Java test asserts on (see STEP lines below); the last line is PASS. Any failure
prints "FAIL: <why>" and exits non-zero: 1 for a failed step, 2 for the overall timeout, 3 when slixmpp is missing.
Messages and replies are passed percent-encoded (UTF-8, '+' for a space), because a JVM started without a UTF-8
locale passes non-ASCII arguments to a child process as '?'.
"""

import argparse
import asyncio
import logging
import sys
import urllib.parse

# The Java test decodes our output as UTF-8, whatever the locale is (this runs under python3 -I, which ignores
# PYTHONIOENCODING).
sys.stdout.reconfigure(encoding="utf-8", line_buffering=True)
sys.stderr.reconfigure(encoding="utf-8", line_buffering=True)

try:
    import slixmpp
    from slixmpp.exceptions import IqError, IqTimeout
except ImportError as missing:
    print("FAIL: slixmpp is missing (%s): install the Debian package python3-slixmpp" % missing)
    sys.exit(3)

REGISTER_NS = "jabber:iq:register"
COMMANDS_NS = "http://jabber.org/protocol/commands"
REGISTER_NODE = "register"


class Failure(Exception):
    """A step did not go as a Jabber user of the transport expects."""


def step(text):
    print(text, flush=True)


class TransportUser(slixmpp.ClientXMPP):
    def __init__(self, jid, password):
        super().__init__(jid, password)
        for plugin in ("xep_0004", "xep_0030", "xep_0050", "xep_0077", "xep_0199"):
            self.register_plugin(plugin)
        self.messages = asyncio.Queue()
        self.presences = asyncio.Queue()
        self.started = self.loop.create_future()
        self.add_event_handler("session_start", self._session_start)
        self.add_event_handler("failed_all_auth", lambda _: self._not_started("authentication failed"))
        self.add_event_handler("connection_failed", lambda e: self._not_started("connection failed: %s" % e))
        self.add_event_handler("message", self.messages.put_nowait)
        self.add_event_handler("presence", self.presences.put_nowait)

    async def _session_start(self, _):
        await self.get_roster()
        self.send_presence()
        if not self.started.done():
            self.started.set_result(True)

    def _not_started(self, why):
        if not self.started.done():
            self.started.set_exception(Failure(why))

    async def next_message(self, sender, condition, what, timeout):
        """The next message from sender's bare JID that matches condition; other messages are printed."""
        deadline = asyncio.get_event_loop().time() + timeout
        while True:
            left = deadline - asyncio.get_event_loop().time()
            if left <= 0:
                raise Failure("no %s from %s within %ss" % (what, sender, timeout))
            try:
                message = await asyncio.wait_for(self.messages.get(), left)
            except asyncio.TimeoutError:
                raise Failure("no %s from %s within %ss" % (what, sender, timeout)) from None
            if message["from"].bare == sender and message["type"] == "error":
                raise Failure("error message from %s instead of %s: %s" % (sender, what, message["error"]))
            if message["from"].bare == sender and message["body"] and condition(message):
                return message
            step("OTHER message from %s (%s): %r" % (message["from"], message["type"], message["body"]))

    async def next_presence(self, sender, condition, what, timeout):
        deadline = asyncio.get_event_loop().time() + timeout
        while True:
            left = deadline - asyncio.get_event_loop().time()
            if left <= 0:
                raise Failure("no %s from %s within %ss" % (what, sender, timeout))
            try:
                presence = await asyncio.wait_for(self.presences.get(), left)
            except asyncio.TimeoutError:
                raise Failure("no %s from %s within %ss" % (what, sender, timeout)) from None
            if presence["from"].bare == sender and condition(presence):
                return presence


def field_vars(form):
    return list(form.get_fields().keys())


def submit_form(client, values):
    form = client["xep_0004"].make_form(ftype="submit")
    for var, value in values.items():
        form.add_field(var=var, value=value)
    return form


def iq_failure(what, error):
    if isinstance(error, IqError):
        return Failure("%s: error %s (%s) %s" % (what, error.condition, error.etype, error.text))
    return Failure("%s: no answer (timeout)" % what)


async def register_with_form(client, args):
    """XEP-0077 §3.1: get the form, fill in the data form it contains (XEP-0077 §4), submit it."""
    try:
        answer = await client["xep_0077"].get_registration(jid=args.transport, timeout=args.wait)
    except (IqError, IqTimeout) as error:
        raise iq_failure("getting the registration form", error)
    query = answer["register"]
    if query["registered"]:
        raise Failure("the transport says %s is registered already" % client.boundjid.bare)
    form = query["form"]
    fields = field_vars(form)
    step("FORM instructions: %s" % query["instructions"])
    step("FORM fields: %s" % ", ".join(fields))
    if "username" not in fields or "password" not in fields:
        raise Failure("the registration form lacks username or password: %s" % fields)
    submit = submit_form(client, {"FORM_TYPE": REGISTER_NS, "username": args.uin, "password": args.icq_password})
    iq = client.Iq()
    iq["type"] = "set"
    iq["to"] = args.transport
    iq["register"].append(submit)
    try:
        await iq.send(timeout=args.wait)
    except (IqError, IqTimeout) as error:
        raise iq_failure("submitting the registration form", error)
    step("REGISTERED-BY-FORM %s" % args.uin)
    # What a registration dialog shows when opened again (XEP-0077 §3.1, <registered/>).
    again = (await client["xep_0077"].get_registration(jid=args.transport, timeout=args.wait))["register"]
    if not again["registered"] or again["username"] != args.uin:
        raise Failure("the form does not show the registration: registered=%s username=%r"
                      % (again["registered"], again["username"]))
    step("FORM-SHOWS-REGISTERED %s" % again["username"])


async def register_with_command(client, args):
    """XEP-0050: list the transport's commands, execute "register", complete it with the filled form."""
    try:
        items = await client["xep_0050"].get_commands(jid=args.transport, timeout=args.wait)
    except (IqError, IqTimeout) as error:
        raise iq_failure("listing the transport's commands", error)
    nodes = [node for (_, node, _) in items["disco_items"]["items"]]
    step("COMMANDS %s" % ", ".join(nodes))
    if REGISTER_NODE not in nodes:
        raise Failure("the transport offers no %r command: %s" % (REGISTER_NODE, nodes))
    try:
        first = await client["xep_0050"].send_command(args.transport, REGISTER_NODE, action="execute",
                                                      timeout=args.wait)
    except (IqError, IqTimeout) as error:
        raise iq_failure("executing the register command", error)
    command = first["command"]
    form = command["form"]
    fields = field_vars(form)
    step("COMMAND-FORM %s: %s" % (form["title"], ", ".join(fields)))
    if command["status"] != "executing" or "username" not in fields or "password" not in fields:
        raise Failure("unexpected first stage of the register command: status=%s fields=%s"
                      % (command["status"], fields))
    submit = submit_form(client, {"username": args.uin, "password": args.icq_password})
    try:
        done = await client["xep_0050"].send_command(args.transport, REGISTER_NODE, action="complete",
                                                     payload=submit, sessionid=command["sessionid"],
                                                     timeout=args.wait)
    except (IqError, IqTimeout) as error:
        raise iq_failure("completing the register command", error)
    notes = [text for (_, text) in done["command"]["notes"]]
    if done["command"]["status"] != "completed":
        raise Failure("the register command did not complete: %s %s" % (done["command"]["status"], notes))
    step("REGISTERED-BY-COMMAND %s note: %s" % (args.uin, " | ".join(notes)))


async def scenario(client, args):
    try:
        await asyncio.wait_for(client.started, args.wait)
    except asyncio.TimeoutError:
        raise Failure("not logged in to 127.0.0.1:%s as %s within %ss" % (args.port, args.jid, args.wait)) from None
    step("CONNECTED %s" % client.boundjid)

    if args.register == "form":
        await register_with_form(client, args)
    else:
        await register_with_command(client, args)

    welcome = await client.next_message(args.transport, lambda m: m["body"].startswith("Welcome"),
                                        "welcome message", args.wait)
    step("WELCOME %s" % welcome["body"].splitlines()[0])
    # The transport is available without a show once it logged in to ICQ for us ("logging in" has one).
    await client.next_presence(args.transport, lambda p: p["type"] == "available",
                               "available presence (logged in to ICQ)", args.wait)
    step("TRANSPORT-ONLINE %s" % args.transport)

    contact = "%s@%s" % (args.contact, args.transport)
    client.send_message(mto=contact, mbody=args.message, mtype="chat")
    step("SENT to %s: %s" % (contact, args.message))
    reply = await client.next_message(contact, lambda m: True, "reply", args.wait)
    step("REPLY from %s: %s" % (contact, reply["body"]))
    if reply["body"] != args.reply:
        raise Failure("the reply from %s is %r, not %r" % (contact, reply["body"], args.reply))

    client.send_message(mto=args.transport, mbody="help", mtype="chat")
    step("SENT to %s: help" % args.transport)
    answer = await client.next_message(args.transport, lambda m: m["body"].startswith("Commands of"),
                                       "answer to help", args.wait)
    for line in answer["body"].splitlines():
        step("HELP| %s" % line)
    if "help - this list" not in answer["body"]:
        raise Failure("the answer to help lists no help command: %r" % answer["body"])


def arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, required=True, help="Prosody's client port on 127.0.0.1")
    parser.add_argument("--jid", required=True, help="the Jabber user, e.g. alice@localhost")
    parser.add_argument("--password", required=True, help="the Jabber user's password")
    parser.add_argument("--transport", required=True, help="the transport's domain, e.g. icq.localhost")
    parser.add_argument("--register", choices=["form", "command"], required=True,
                        help="XEP-0077 form or XEP-0050 command 'register'")
    parser.add_argument("--uin", required=True, help="the ICQ account to register")
    parser.add_argument("--icq-password", required=True)
    parser.add_argument("--contact", required=True, help="the UIN of the ICQ contact to write to")
    parser.add_argument("--message", required=True, type=urllib.parse.unquote_plus,
                        help="what to write to the contact, percent-encoded UTF-8")
    parser.add_argument("--reply", required=True, type=urllib.parse.unquote_plus,
                        help="the contact's expected answer, percent-encoded UTF-8")
    parser.add_argument("--wait", type=float, default=30, help="seconds to wait for each answer")
    parser.add_argument("--timeout", type=float, default=120, help="seconds for everything")
    parser.add_argument("--debug", action="store_true", help="log every stanza to stderr")
    return parser.parse_args()


def main():
    args = arguments()
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    step("SLIXMPP %s" % slixmpp.__version__)
    client = TransportUser(args.jid, args.password)
    # The test's Prosody has no TLS: never ask for STARTTLS (this is 127.0.0.1 only).
    client.connect(("127.0.0.1", args.port), use_ssl=False, force_starttls=False, disable_starttls=True)
    status = 0
    try:
        client.loop.run_until_complete(asyncio.wait_for(scenario(client, args), args.timeout))
        step("PASS")
    except Failure as failure:
        step("FAIL: %s" % failure)
        status = 1
    except asyncio.TimeoutError:
        step("FAIL: not done within %ss" % args.timeout)
        status = 2
    except Exception as unexpected:  # anything else is a failure too, with its type
        logging.exception("unexpected failure")
        step("FAIL: %s: %s" % (type(unexpected).__name__, unexpected))
        status = 1
    try:
        client.loop.run_until_complete(asyncio.wait_for(client.disconnect(wait=2.0), 5))
    except Exception:  # the outcome is decided; a slow goodbye does not change it
        pass
    sys.exit(status)


if __name__ == "__main__":
    main()
