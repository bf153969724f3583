"""A private PostgreSQL cluster that really checks passwords (SCRAM) and speaks TLS.

The development and CI server trusts local connections, so a wrong password is accepted
there. Tests that must see a password refused, or a certificate checked, start this one:
`initdb` as the `postgres` system user (or the current user when not root), scram-sha-256
for every TCP connection, a throw-away CA and a server certificate for "localhost" only (so
connecting to 127.0.0.1 with verify-full must fail), on a free port. Stopped at the end.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SUPERUSER = "postgres"


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def why_unavailable() -> str | None:
    """Why this machine cannot start a cluster (None when it can)."""
    if _bin("initdb") is None or _bin("pg_ctl") is None:
        return "initdb/pg_ctl not found"
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a 'postgres' system user for initdb"
    if shutil.which("openssl") is None:
        return "openssl not found (needed for the TLS certificates)"
    return None


class ScramCluster:
    """initdb + pg_ctl start on a free port; `url(user, password)` connects over TCP."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="ekocrm-scram-"))
        self.data = self.base / "data"
        self.port = _free_port()
        self.superuser_password = "Sup3r-" + os.urandom(6).hex()
        self.ca_file = self.base / "ca.crt"
        self._as_root = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        command = list(args)
        if self._as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd="/", timeout=120)

    def _certificates(self) -> None:
        def openssl(*args: str) -> None:
            subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=self.base, timeout=60)

        openssl(
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=EkoCRM test CA",
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
        )
        openssl(
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            "/CN=localhost",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
        )
        (self.base / "san.ext").write_text("subjectAltName=DNS:localhost\n", encoding="utf-8")
        openssl(
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "san.ext",
            "-out",
            "server.crt",
        )

    def start(self) -> None:
        self._certificates()
        password_file = self.base / "pw"
        password_file.write_text(self.superuser_password + "\n", encoding="utf-8")
        if self._as_root:
            shutil.chown(self.base, "postgres")
            for path in self.base.iterdir():
                shutil.chown(path, "postgres")
        os.chmod(self.base / "server.key", 0o600)
        self._run(
            str(_bin("initdb")),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            f"--pwfile={password_file}",
            "--auth-host=scram-sha-256",
            "--auth-local=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        password_file.unlink()
        options = (
            f"-c port={self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.base} "
            f"-c password_encryption=scram-sha-256 -c ssl=on -c ssl_cert_file={self.base / 'server.crt'} "
            f"-c ssl_key_file={self.base / 'server.key'} -c shared_buffers=16MB -c fsync=off"
        )
        self._run(
            str(_bin("pg_ctl")),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.base / "log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError("the SCRAM test cluster did not start")

    def url(
        self, user: str = SUPERUSER, password: str | None = None, database: str = "postgres", host: str = "127.0.0.1"
    ):  # type: ignore[no-untyped-def]
        from sqlalchemy import URL

        return URL.create(
            "postgresql+psycopg",
            username=user,
            password=self.superuser_password if password is None and user == SUPERUSER else password,
            host=host,
            port=self.port,
            database=database,
        )

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self._run(str(_bin("pg_ctl")), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.base, ignore_errors=True)
