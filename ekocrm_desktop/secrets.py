"""Passwords in the operating system's keychain, through `keyring`.

Never in configuration files, logs or exports (ARCHITECTURE §7). When the system has no
keychain, nothing is stored: the app asks for the password each session and says why.
`keyrings.alt` (a plain-text file in disguise) is never used at run time.
"""

from __future__ import annotations

import logging

import keyring
from keyring.backends import fail, null
from keyring.errors import KeyringError, PasswordDeleteError

from ekocrm_desktop import APP_ID

log = logging.getLogger(__name__)

SERVICE = APP_ID


class SecretStore:
    """Get and set secrets by key (for example "workspace:<id>")."""

    def __init__(self, service: str = SERVICE) -> None:
        self._service = service
        self._session_only: dict[str, str] = {}

    def keychain_available(self) -> bool:
        """Whether a real keychain backend answers (not the "fail" or "null" placeholders)."""
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring | null.Keyring):
            return False
        module = type(backend).__module__
        return not module.startswith("keyrings.alt")

    def get(self, key: str) -> str | None:
        """The stored secret, or the one given earlier in this session, or None."""
        if key in self._session_only:
            return self._session_only[key]
        if not self.keychain_available():
            return None
        try:
            return keyring.get_password(self._service, key)
        except KeyringError:
            log.warning("the keychain could not be read for %s", key)
            return None

    def set(self, key: str, secret: str) -> bool:
        """Store `secret`; returns False when it could only be kept for this session."""
        if self.keychain_available():
            try:
                keyring.set_password(self._service, key, secret)
                self._session_only.pop(key, None)
                return True
            except KeyringError:
                log.warning("the keychain refused to store %s; kept for this session only", key)
        self._session_only[key] = secret
        return False

    def remember_for_session(self, key: str, secret: str) -> None:
        """Keep a secret in memory only (the user chose not to store it)."""
        self._session_only[key] = secret

    def delete(self, key: str) -> None:
        """Forget a secret everywhere."""
        self._session_only.pop(key, None)
        if not self.keychain_available():
            return
        try:
            keyring.delete_password(self._service, key)
        except PasswordDeleteError:
            pass
        except KeyringError:
            log.warning("the keychain could not delete %s", key)
