-- Registrations are looked up by legacy account too: a second Jabber user registering an account that is
-- already registered here is refused (XEP-0077 conflict) instead of logging in and kicking its owner.
CREATE INDEX registration_legacy_account ON registration (legacy_account);
