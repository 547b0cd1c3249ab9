"""Staff accounts, login lockout, sessions, API tokens and applicants' access, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from core import ChangeType, Conflict, InputError, StoredObject
from registry import (
    Accounts,
    ApplicantAccess,
    Applications,
    AuditLog,
    Database,
    Sessions,
    UnknownUser,
    _accounts,
    _passwords,
    _sessions,
    head_revision,
)
from registry._access import normalize_tracking_code

PASSWORD = "kata-sandi-uji-1"
SUBJECT = "7401050102030003"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += dt.timedelta(**kw)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'capil.db'}" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    database = Database(url)
    yield database
    database.dispose()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def accounts(db, clock):
    return Accounts(db, clock=clock)


def _dump(db) -> str:
    """Every value of the account tables, as text: what someone with a copy of the database sees."""
    with db.engine.connect() as conn:
        return repr([conn.execute(text(f"SELECT * FROM {t}")).all()
                     for t in ("users", "sessions", "api_tokens", "application_access", "login_throttle")])


def test_accounts_are_added_listed_and_checked(accounts):
    user = accounts.add("  Siti ", role="verifikator", password=PASSWORD, full_name="SITI (1990)", actor="cli:root")
    assert (user.name, user.role, user.active, user.full_name) == ("siti", "verifikator", True, "SITI (1990)")
    accounts.add("budi", role="arsip", password=PASSWORD, actor="cli:root")
    assert [u.name for u in accounts.list()] == ["budi", "siti"]
    assert accounts.get("SITI").id == user.id
    with pytest.raises(Conflict):
        accounts.add("siti", role="admin", password=PASSWORD, actor="cli:root")
    for name, role, password in (("sistem", "admin", PASSWORD), ("a b", "admin", PASSWORD),
                                 ("x", "admin", PASSWORD), ("ani", "kepala", PASSWORD),
                                 ("ani", "admin", "pendek"), ("ani-susanti", "admin", "ANI-SUSANTI")):
        with pytest.raises(InputError):
            accounts.add(name, role=role, password=password, actor="cli:root")
    with pytest.raises(UnknownUser):
        accounts.get("nobody")
    assert user.has_role("verifikator") and not user.has_role("arsip")
    admin = accounts.add("kepala", role="admin", password=PASSWORD, actor="cli:root")
    assert admin.has_role("verifikator") and admin.has_role("arsip")


def test_passwords_are_scrypt_hashes_with_salt_and_parameters(accounts, db):
    accounts.add("siti", role="verifikator", password=PASSWORD, actor="t")
    accounts.add("budi", role="arsip", password=PASSWORD, actor="t")
    with db.engine.connect() as conn:
        hashes = [h for (h,) in conn.execute(text("SELECT password_hash FROM users"))]
    assert all(h.startswith(f"scrypt${_passwords.N}${_passwords.R}${_passwords.P}$") for h in hashes)
    assert hashes[0] != hashes[1]  # a salt per hash
    assert PASSWORD not in _dump(db)
    assert _passwords.verify_password(PASSWORD, hashes[0]) and not _passwords.verify_password("salah", hashes[0])
    assert not _passwords.verify_password(PASSWORD, "md5$abc")


def test_a_hash_with_old_parameters_is_replaced_at_login(accounts, db, monkeypatch):
    monkeypatch.setattr(_passwords, "N", 2**14)
    accounts.add("siti", role="verifikator", password=PASSWORD, actor="t")
    monkeypatch.undo()
    assert accounts.authenticate("siti", PASSWORD).user is not None
    with db.engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM users")).scalar_one()
    assert not _passwords.needs_rehash(stored) and _passwords.verify_password(PASSWORD, stored)


def test_login_succeeds_only_with_the_right_password_of_an_active_account(accounts):
    accounts.add("siti", role="verifikator", password=PASSWORD, actor="t")
    assert accounts.authenticate("Siti", PASSWORD).user.name == "siti"
    assert accounts.authenticate("siti", PASSWORD + "x") == _accounts.LoginResult(None)
    assert accounts.authenticate("nobody", PASSWORD) == _accounts.LoginResult(None)
    accounts.disable("siti", actor="t")
    assert accounts.authenticate("siti", PASSWORD).user is None
    accounts.enable("siti", actor="t")
    accounts.set_password("siti", "sandi-baru-yang-panjang", actor="t")
    assert accounts.authenticate("siti", PASSWORD).user is None
    assert accounts.authenticate("siti", "sandi-baru-yang-panjang").user is not None


@pytest.mark.parametrize("name", ["siti", "tidak-ada"])
def test_repeated_failures_lock_the_name_whether_or_not_it_exists(accounts, clock, name):
    accounts.add("siti", role="verifikator", password=PASSWORD, actor="t")
    for _ in range(_accounts.MAX_FAILURES - 1):
        assert accounts.authenticate(name, "salah-salah") == _accounts.LoginResult(None)
    locked = accounts.authenticate(name, "salah-salah")
    assert locked.user is None and locked.locked_until == clock.now + _accounts.LOCKOUT
    # while locked, even the right password is refused, without being checked
    clock.advance(minutes=14)
    assert accounts.authenticate(name, PASSWORD).locked_until == clock.now + dt.timedelta(minutes=1)
    clock.advance(minutes=2)
    if name == "siti":
        assert accounts.authenticate(name, PASSWORD).user is not None  # success clears the count
        assert accounts.authenticate(name, "salah-salah").locked_until is None
    else:
        # one more failure after the lock: locked again, twice as long
        assert accounts.authenticate(name, "salah-salah").locked_until == clock.now + 2 * _accounts.LOCKOUT


def test_old_failures_are_forgotten(accounts, clock):
    for _ in range(_accounts.MAX_FAILURES - 1):
        accounts.authenticate("siti", "salah-salah")
    clock.advance(hours=25)
    assert accounts.authenticate("siti", "salah-salah").locked_until is None


def test_logins_and_failures_are_audited_without_the_name_tried(accounts, db):
    accounts.add("siti", role="verifikator", password=PASSWORD, actor="cli:root")
    accounts.authenticate("siti", PASSWORD)
    accounts.authenticate("siti", "salah-salah")
    accounts.authenticate("rahasia-sekali-123", "x")  # a password typed into the name field
    entries = AuditLog(db).entries()
    assert [(e["actor"], e["action"], e["subject"]) for e in entries] == [
        ("cli:root", "user.create", "siti"), ("siti", "auth.login", "siti"),
        ("anonim", "auth.login_failed", "siti"), ("anonim", "auth.login_failed", None),
    ]
    assert "rahasia-sekali-123" not in repr(entries) and "rahasia-sekali-123" not in _dump(db)
    assert AuditLog(db).verify().ok


def test_api_tokens_are_stored_hashed_and_revocable(accounts, db):
    accounts.add("loket", role="arsip", password=PASSWORD, actor="t")
    token = accounts.issue_token("loket", label="loket 1", actor="t")
    assert token.startswith("cst_") and len(token) > 40
    assert accounts.user_for_token(token).name == "loket"
    assert accounts.user_for_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert accounts.user_for_token("cap_" + token[4:]) is None
    assert token not in _dump(db)
    listed = accounts.tokens("loket")
    assert [(t["label"], t["revoked_at"]) for t in listed] == [("loket 1", None)] and listed[0]["last_used_at"]
    assert accounts.revoke_tokens("loket", actor="t") == 1
    assert accounts.user_for_token(token) is None
    second = accounts.issue_token("loket", actor="t")
    accounts.disable("loket", actor="t")
    assert accounts.user_for_token(second) is None
    with pytest.raises(Conflict):
        accounts.issue_token("loket", actor="t")


def test_sessions_expire_when_idle_at_their_lifetime_and_with_their_account(accounts, db, clock):
    user = accounts.add("siti", role="verifikator", password=PASSWORD, actor="t")
    sessions = Sessions(db, clock=clock)
    new = sessions.start(user)
    assert new.cookie.startswith("css_") and new.cookie not in _dump(db)
    live = sessions.get(new.cookie)
    assert live is not None and live.user.name == "siti" and live.csrf_token == new.session.csrf_token
    assert sessions.get(new.cookie[:-2] + "xx") is None and sessions.get("") is None

    for _ in range(int(_sessions.LIFETIME / dt.timedelta(minutes=20)) - 1):  # used every 20 minutes...
        clock.advance(minutes=20)
        assert sessions.get(new.cookie) is not None
    clock.advance(minutes=20)  # ...still ends at its lifetime
    assert sessions.get(new.cookie) is None

    idle = sessions.start(user)
    clock.advance(seconds=_sessions.IDLE.total_seconds() + 1)
    assert sessions.get(idle.cookie) is None

    for end in (lambda: accounts.disable("siti", actor="t"),
                lambda: accounts.set_password("siti", "sandi-baru-yang-panjang", actor="t")):
        accounts.enable("siti", actor="t")
        started = sessions.start(user)
        end()
        assert sessions.get(started.cookie) is None
    accounts.enable("siti", actor="t")
    out = sessions.start(user)
    assert sessions.end(out.cookie) and sessions.get(out.cookie) is None and not sessions.end(out.cookie)
    assert AuditLog(db).entries()[-1]["action"] == "auth.logout"


def test_an_applicants_token_opens_only_their_application(db):
    apps = Applications(db)
    access = ApplicantAccess(db)
    from registry import PopulationRecord
    from tests.fixtures.population import population

    PopulationRecord(db).import_population(population())
    ids = []
    for _ in range(2):
        app_id = apps.new_id()
        apps.create(application_id=app_id, nik=SUBJECT, jenis_perubahan=ChangeType.PENDIDIKAN, requested={},
                    uploads={"kk": StoredObject("b", "k", "v", "00" * 32)})
        ids.append(app_id)
        # (one open application per person and change: decide the first before filing the second)
        apps.reject(app_id, findings=())
    first = access.grant(ids[0])
    second = access.grant(ids[1], filed_by="loket")
    assert access.application_for_token(first.token) == ids[0]
    assert access.application_for_token(second.token) == ids[1]
    assert access.application_for_token("cap_nope") is None and access.application_for_token(ids[0]) is None
    assert first.token not in _dump(db) and second.token not in _dump(db)
    assert (access.filed_by(ids[0]), access.filed_by(ids[1])) == (None, "loket")
    code = first.tracking_code
    assert len(code) == 11 and code[5] == "-" and code != second.tracking_code
    assert access.find(code.lower().replace("-", " ")) == ids[0] and access.tracking_code(ids[0]) == code
    assert normalize_tracking_code("o1il0-abcde") == "01110-ABCDE"
    with pytest.raises(Conflict):
        access.grant(ids[0])
    audit = [e for e in AuditLog(db).entries() if e["action"] == "application.access"]
    assert [(e["actor"], e["subject"]) for e in audit] == [("pemohon", ids[0]), ("loket", ids[1])]


def test_migration_0003_goes_down_and_up_again(db):
    from alembic import command

    from registry._migrate import _config

    Accounts(db).add("siti", role="verifikator", password=PASSWORD, actor="t")
    with db.engine.begin() as conn:
        command.downgrade(_config(conn), "0002")
    assert db.revision() == "0002"
    assert db.migrate() == ("0002", head_revision())
    assert Accounts(db).list() == []


def test_the_database_refuses_an_unknown_role_or_a_name_in_capitals(db):
    from sqlalchemy.exc import IntegrityError

    for name, role in (("siti", "kepala"), ("Siti", "admin")):
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(text("INSERT INTO users (name, role, password_hash, created_at, password_changed_at) "
                              "VALUES (:n, :r, 'x', :t, :t)"), {"n": name, "r": role, "t": dt.datetime.now(dt.UTC)})
