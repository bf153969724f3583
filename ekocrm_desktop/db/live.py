"""Live updates on a shared database: other people's saves arrive as `Changes(remote=True)`.

The history triggers NOTIFY `ekocrm_changes` with the kind and ids a statement touched
(after commit: PostgreSQL delivers notifications of committed transactions only). A thread
with its own connection LISTENs, and announces what arrives on the `Database`, whose
listeners (the UI's ChangeBridge) refresh what they show. The same thread watches the
server: it notices a lost connection within seconds, says so through `on_state`,
reconnects by itself, and then announces a resync (what was missed meanwhile).
"""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL
from sqlalchemy.exc import DBAPIError

from ekocrm_desktop.db.database import Changes, Database

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

CHANNEL = "ekocrm_changes"
#: How often the quiet connection is checked (a cut network sends no error by itself).
HEALTH_SECONDS = 3.0
#: Notifications arriving within this window are announced together.
COALESCE_SECONDS = 0.1
RETRY_SECONDS = (0.5, 1.0, 2.0, 3.0)

StateCallback = Callable[[bool], None]
#: Words of libpq's connection failures that waiting will not cure (they carry no SQLSTATE).
REFUSALS = (
    "password",
    "authentication",
    "does not exist",
    "not permitted to log in",
    "pg_hba.conf",
    "certificate",
    "permission denied",
)


def is_connection_error(exc: BaseException) -> bool:
    """Whether an error means "the server could not be reached or dropped us" (retry later), not a refusal."""
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        exc = exc.orig if exc.orig is not None else exc
    # psycopg is imported only once a shared database is opened (it costs startup time); before
    # that, no psycopg error can exist.
    psycopg = sys.modules.get("psycopg")
    if psycopg is None:
        return isinstance(exc, ConnectionError | TimeoutError)
    if isinstance(exc, psycopg.OperationalError):
        # A refused password or a missing database is an OperationalError too, but waiting won't help.
        state = getattr(exc, "sqlstate", None)
        if state is not None:
            return bool(state.startswith(("08", "57P")))
        message = str(exc).lower()
        return not any(marker in message for marker in REFUSALS)
    return isinstance(exc, psycopg.InterfaceError | ConnectionError | TimeoutError)


def conninfo(url: URL) -> str:
    """libpq connection string of a SQLAlchemy URL (password included: never log it)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


class LiveUpdates:
    """The listening thread of one open shared database."""

    def __init__(
        self,
        db: Database,
        url: URL,
        *,
        on_state: StateCallback | None = None,
        health_seconds: float = HEALTH_SECONDS,
    ) -> None:
        self._db = db
        self._conninfo = conninfo(url)
        self._on_state = on_state
        self._health_seconds = health_seconds
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._connected = False
        self._reported: bool | None = None
        self._ever_connected = False

    @property
    def connected(self) -> bool:
        """Whether the server answered the last check."""
        return self._connected

    def start(self) -> None:
        """Connect and listen in the background."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="ekocrm-live-updates", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop listening and close the connection."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def check_now(self) -> None:
        """Check the connection at once (a save just failed: is the server gone?)."""
        self._wake.set()

    # ------------------------------------------------------------------ the thread
    def _run(self) -> None:
        import psycopg

        attempt = 0
        while not self._stop.is_set():
            try:
                conn = psycopg.connect(
                    self._conninfo,
                    autocommit=True,
                    connect_timeout=5,
                    application_name="EkoCRM live updates",
                    keepalives=1,
                    keepalives_idle=10,
                    keepalives_interval=3,
                    keepalives_count=3,
                    # A cut network (no reset) fails a write after 5 s instead of the TCP default.
                    tcp_user_timeout=5000,
                )
            except Exception as exc:
                self._set_state(False)
                delay = RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)]
                attempt += 1
                log.info("live updates: server unreachable (%s); retrying in %.1f s", _reason(exc), delay)
                self._pause(delay)
                continue
            attempt = 0
            try:
                conn.execute(f"LISTEN {CHANNEL}")
                first = not self._ever_connected
                self._ever_connected = True
                self._set_state(True)
                if not first:
                    # Saves made while we were away sent notifications to nobody.
                    self._db.announce(Changes(frozenset(), remote=True, resync=True))
                self._listen(conn)
            except Exception as exc:
                if not self._stop.is_set():
                    log.info("live updates: connection lost (%s)", _reason(exc))
                    self._set_state(False)
            finally:
                try:
                    conn.close()
                except Exception:
                    log.debug("closing the listening connection failed", exc_info=True)

    def _listen(self, conn: psycopg.Connection[Any]) -> None:
        last_check = time.monotonic()
        while not self._stop.is_set():
            pending: list[dict[str, Any]] = []
            for notify in conn.notifies(timeout=0.5):
                pending.append(_payload(notify.payload))
                break
            if pending:
                # A burst (an import, several saves) becomes one announcement.
                for notify in conn.notifies(timeout=COALESCE_SECONDS):
                    pending.append(_payload(notify.payload))
                self._announce(pending)
            if self._wake.is_set() or time.monotonic() - last_check >= self._health_seconds:
                self._wake.clear()
                conn.execute("SELECT 1")
                last_check = time.monotonic()

    def _announce(self, payloads: list[dict[str, Any]]) -> None:
        mine = self._db.client_id
        foreign = [p for p in payloads if p.get("client") != mine]
        if not foreign:
            return
        kinds = frozenset(str(p.get("kind")) for p in foreign if p.get("kind"))
        everything = any(not p.get("ids") for p in foreign)
        ids: frozenset[uuid.UUID] = frozenset()
        if not everything:
            ids = frozenset(uuid.UUID(str(i)) for p in foreign for i in p.get("ids") or ())
        self._db.announce(Changes(kinds, ids, remote=True))

    def _set_state(self, connected: bool) -> None:
        self._connected = connected
        if connected == self._reported:
            return
        self._reported = connected
        if self._on_state is not None:
            try:
                self._on_state(connected)
            except Exception:
                log.exception("connection state listener failed")

    def _pause(self, seconds: float) -> None:
        self._wake.wait(seconds)
        self._wake.clear()


def _payload(raw: str) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except ValueError:
        return {"kind": raw, "ids": []}
    return data if isinstance(data, dict) else {"kind": str(data), "ids": []}


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
