-- Schema 3: the gateway's API keys (python -m optimizer keys), in the ledger's database so
-- that every gateway instance sees the same keys. Only a SHA-256 of each key is kept, never
-- the key; prefix is its first characters, to tell keys apart in a list. A name is unique
-- among the keys that are not revoked; a revoked key stays, for the record.
CREATE TABLE IF NOT EXISTS api_keys (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, role TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT, rate_limit TEXT NOT NULL DEFAULT '', budget_usd DOUBLE PRECISION);
CREATE UNIQUE INDEX IF NOT EXISTS api_keys_active_name ON api_keys(name) WHERE revoked_at IS NULL;
