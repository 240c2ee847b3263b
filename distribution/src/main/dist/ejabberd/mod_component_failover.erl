%%% mod_component_failover: an ejabberd module shipped with the ICQ transport (docs/scaling.md).
%%%
%%% Several XEP-0114 component connections may serve one domain when the domain has a `domain_balancing'
%%% entry with `component_number: N'. ejabberd (checked against 23.01's ejabberd_router and
%%% ejabberd_router_mnesia) then keeps N route slots for the domain; a connection takes a free slot when it
%%% authenticates, and when the connection goes away its slot stays, empty. A stanza is sent to the slot
%%% chosen by the hash of its balancing key (e.g. the sender's bare JID); a stanza whose slot is empty is
%%% dropped silently: the sender gets no error, and until some connection takes the slot again every stanza
%%% of the users hashed to it is lost.
%%%
%%% This module closes that gap. On the `filter_packet' hook it makes the same choice as the router; when
%%% the chosen slot is empty (or its process is dead), it sends the stanza to a live slot of the domain
%%% instead, chosen by the same key over the live slots only, so that all stanzas of one user keep going to
%%% one connection. When no connection serves the domain at all, the stanza is answered with a
%%% `service-unavailable' error (RFC 6120 section 8.3.3.19) instead of being dropped.
%%%
%%% Build: erlc -I /usr/lib/x86_64-linux-gnu/ejabberd-23.01/include -o EBIN_DIR mod_component_failover.erl
%%% Load:  ERL_OPTIONS="-pa EBIN_DIR" in ejabberdctl.cfg, and `modules: mod_component_failover: {}'.
-module(mod_component_failover).
-behaviour(gen_mod).

-export([start/2, stop/1, reload/3, depends/2, mod_options/1, mod_doc/0]).
-export([filter_packet/1]).

-include("ejabberd_router.hrl").

%% The hook is global (every routed stanza passes the router once), so it is added once however many
%% virtual hosts load the module; ejabberd_hooks keeps one entry per {Module, Function, Seq}.
-define(SEQ, 50).

start(_Host, _Opts) ->
    ejabberd_hooks:add(filter_packet, ?MODULE, filter_packet, ?SEQ),
    ok.

stop(_Host) ->
    case gen_mod:is_loaded_elsewhere(<<>>, ?MODULE) of
        true -> ok;
        false -> ejabberd_hooks:delete(filter_packet, ?MODULE, filter_packet, ?SEQ)
    end,
    ok.

reload(_Host, _NewOpts, _OldOpts) ->
    ok.

depends(_Host, _Opts) ->
    [].

mod_options(_Host) ->
    [].

mod_doc() ->
    #{desc => ["Sends stanzas for a balanced component domain whose route slot is empty to a live slot, "
               "or bounces them with service-unavailable, instead of dropping them."]}.

%% Returns the packet unchanged for the router to route, or `drop' when this module routed it itself.
filter_packet(drop) ->
    drop;
filter_packet(Packet) ->
    try reroute(Packet)
    catch Class:Reason ->
        error_logger:warning_msg("mod_component_failover: ~p:~p; routing the stanza as usual", [Class, Reason]),
        Packet
    end.

reroute(Packet) ->
    To = xmpp:get_to(Packet),
    {_, Domain, _} = jid:tolower(To),
    case maps:get(Domain, ejabberd_option:domain_balancing(), undefined) of
        #{component_number := N} = Options when is_integer(N), N > 1 ->
            reroute(Packet, Domain, balancing_key(Packet, To, Options));
        _ ->
            Packet
    end.

reroute(Packet, Domain, Key) ->
    Backend = ejabberd_router:get_backend(),
    {ok, Routes} = Backend:find_routes(Domain),
    Slots = lists:ukeysort(#route.local_hint, Routes),
    Live = [R || R <- Slots, is_live(R)],
    if
        Slots == [] ->
            Packet; % no route here at all: the router's usual path (s2s) answers
        Live == [] ->
            Lang = xmpp:get_lang(Packet),
            Text = <<"No connection of this service is up; try again later">>,
            ejabberd_router:route_error(Packet, xmpp:err_service_unavailable(Text, Lang)),
            drop;
        true ->
            case Key == random orelse not is_live(pick(Key, Slots)) of
                false ->
                    Packet; % the router's own choice is live
                true ->
                    #route{pid = Pid} = pick(Key, Live),
                    ejabberd_cluster:send(Pid, {route, Packet}),
                    drop
            end
    end.

%% The slot the router would take for this key (ejabberd_router:balancing_route/4).
pick(random, Routes) ->
    lists:nth(rand:uniform(length(Routes)), Routes);
pick(Key, Routes) ->
    lists:nth(erlang:phash2(Key, length(Routes)) + 1, Routes).

%% The router's balancing key (ejabberd_router:get_domain_balancing/3). For `random' the router hashes the
%% time, which may pick an empty slot, so this module picks among the live slots itself.
balancing_key(Packet, To, Options) ->
    From = xmpp:get_from(Packet),
    case maps:get(type, Options, random) of
        source -> jid:tolower(From);
        destination -> jid:tolower(To);
        bare_source -> jid:remove_resource(jid:tolower(From));
        bare_destination -> jid:remove_resource(jid:tolower(To));
        random -> random
    end.

is_live(#route{pid = Pid}) when is_pid(Pid) ->
    node(Pid) =/= node() orelse is_process_alive(Pid);
is_live(_) ->
    false.
