"""API keys (optimizer.keys): only a hash is stored, in the ledger's database (both
backends), and a revoked or malformed key is refused; the ``keys`` command."""

from __future__ import annotations

import pytest

from optimizer.auth import Role
from optimizer.errors import InputError
from optimizer.keys import KeysError, KeyStore, hash_key


@pytest.fixture
def keys(make_ledger):
    return KeyStore(make_ledger())


def test_a_key_is_verified_by_its_hash_and_never_stored(keys, ledger_target, tmp_path):
    created = keys.create("notebook", Role.ANALYST)
    assert created.secret.startswith("osk-") and len(created.secret) == 47
    found = keys.verify(created.secret)
    assert found is not None and found.name == "notebook" and found.role is Role.ANALYST
    assert found.principal.user == "notebook" and found.principal.source == "api-key"
    rows = keys.ledger.query("SELECT * FROM api_keys")
    assert [r["key_hash"] for r in rows] == [hash_key(created.secret)]
    assert all(created.secret not in str(v) for r in rows for v in r.values())
    if "path" in ledger_target:  # nothing of the key in the file either
        stored = b"".join(p.read_bytes() for p in ledger_target["path"].parent.glob("ledger.sqlite3*"))
        assert created.secret.encode() not in stored and hash_key(created.secret).encode() in stored


def test_wrong_malformed_and_revoked_keys_are_refused(keys):
    created = keys.create("ana", "analyst")
    assert keys.verify(created.secret[:-1] + ("A" if created.secret[-1] != "A" else "B")) is None
    for bad in ("", "Bearer x", "osk-short", created.secret + "x", "sk-" + created.secret[4:], None):
        assert keys.verify(bad) is None, bad
    revoked = keys.revoke("ana")
    assert revoked.revoked and keys.verify(created.secret) is None
    with pytest.raises(KeysError, match="no active key named 'ana'"):
        keys.revoke("ana")


def test_names_are_unique_among_active_keys_and_reusable_after_revoking(keys):
    first = keys.create("ci", "admin")
    with pytest.raises(KeysError, match="already has a key"):
        keys.create("ci", "analyst")
    keys.revoke("ci")
    second = keys.create("ci", "analyst")
    assert keys.verify(second.secret).role is Role.ANALYST and keys.verify(first.secret) is None
    listed = keys.list()
    assert [(k.name, k.revoked) for k in listed] == [("ci", True), ("ci", False)]
    assert [k.name for k in keys.list(include_revoked=False)] == ["ci"]
    assert "key_hash" not in listed[0].as_dict()


def test_once_any_key_exists_keys_are_required_even_when_all_are_revoked(keys):
    assert keys.any_key() is False
    keys.create("only", "admin")
    keys.revoke("only")
    assert KeyStore(keys.ledger).any_key() is True  # a fresh view (another instance) agrees


def test_bad_names_roles_and_limits_are_refused_in_one_sentence(keys):
    for name in ("", "has space", "x" * 65, "-dash-first", "semi;colon"):
        with pytest.raises(InputError, match="cannot name a key"):
            keys.create(name, "analyst")
    with pytest.raises(InputError, match="unknown role 'owner'"):
        keys.create("a", "owner")
    with pytest.raises(InputError, match="not a rate limit"):
        keys.create("a", "analyst", rate_limit="lots")
    with pytest.raises(InputError, match="not a budget"):
        keys.create("a", "analyst", budget_usd=-1)
    assert keys.list() == []


def test_a_ledger_that_cannot_reach_its_database_refuses_key_operations(tmp_path):
    from optimizer.ledger import Ledger

    blocked = tmp_path / "file"
    blocked.write_text("a file where the data folder should be")
    ledger = Ledger(blocked / "ledger.sqlite3")  # degraded: runs kept in memory
    assert ledger.backend == "memory"
    keys = KeyStore(ledger)
    with pytest.raises(KeysError, match="ledger's database"):
        keys.create("ana", "analyst")
    with pytest.raises(KeysError):
        keys.verify("osk-" + "a" * 43)
    ledger.close()


def test_the_keys_command_prints_the_key_last_and_stores_its_hash(run_cli):
    created = run_cli("keys", "create", "--name", "alice", "--role", "admin", "--rate-limit", "10/minute")
    assert created.returncode == 0, created.stderr
    lines = created.stdout.decode().strip().splitlines()
    secret = lines[-1]
    assert secret.startswith("osk-") and "only time" in lines[0] and "rate limit 10/minute" in lines[0]
    listed = run_cli("keys", "list", "--format", "json")
    assert secret not in listed.stdout.decode() and '"name": "alice"' in listed.stdout.decode()
    assert secret[:8] in listed.stdout.decode()
    again = run_cli("keys", "create", "--name", "alice", "--role", "admin")
    assert (
        again.returncode == 1
        and again.stderr.decode().count("\n") == 1
        and "already has a key" in again.stderr.decode()
    )
    revoked = run_cli("keys", "revoke", "alice")
    assert revoked.returncode == 0 and "revoked" in revoked.stdout.decode()
    unknown = run_cli("keys", "revoke", "bob")
    assert unknown.returncode == 1 and unknown.stderr.decode().startswith("error: no active key named 'bob'")
    bad = run_cli("keys", "create", "--name", "x", "--role", "root")
    assert bad.returncode == 2
