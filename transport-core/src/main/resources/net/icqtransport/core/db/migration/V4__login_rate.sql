-- The pace of logins an OSCAR login server accepted from the transport, learned from its answers (LoginPacer,
-- additive increase and multiplicative decrease on "rate limit exceeded", errors 0x0018/0x001D), so that a
-- restart starts at it instead of learning it again by being refused. One row per login server (host:port).
CREATE TABLE login_rate (
  login_server VARCHAR(300) PRIMARY KEY,
  logins_per_second DOUBLE PRECISION NOT NULL,
  -- The pace at which the server last refused logins for its rate limit; NULL: none known.
  refused_at DOUBLE PRECISION,
  learned_at TIMESTAMP NOT NULL
);
