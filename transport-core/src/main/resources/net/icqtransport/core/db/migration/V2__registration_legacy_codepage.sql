-- The legacy codepage a user chose with the "Legacy codepage" ad-hoc command; NULL = the configured default.
ALTER TABLE registration ADD COLUMN legacy_codepage VARCHAR(64);
