"""Configuration read from the environment, with defaults that suit one laptop.

Kept apart from settings.py so the CLI can validate it and report one clear line
before Django starts.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


class ConfigError(Exception):
    """A setting is wrong; the message is shown to the user as one line."""


DEFAULT_REGENCY = "75.02"  # Kabupaten Boalemo, Gorontalo


def data_dir() -> Path:
    """Folder for the SQLite database, the secret key and uploads."""
    configured = os.environ.get("PAYUNG_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg) / "payung"


def ensure_data_dir() -> Path:
    path = data_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create data folder {path}: {exc.strerror}") from exc
    return path


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{ensure_data_dir() / 'payung.sqlite3'}"


def regency_code() -> str:
    return os.environ.get("PAYUNG_REGENCY", DEFAULT_REGENCY).strip()


def debug() -> bool:
    return os.environ.get("PAYUNG_DEBUG", "").lower() in {"1", "true", "yes", "on"}


def secret_key() -> str:
    """PAYUNG_SECRET_KEY, or a key generated once and kept in the data folder."""
    given = os.environ.get("PAYUNG_SECRET_KEY")
    if given:
        return given
    key_file = ensure_data_dir() / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


def allowed_hosts() -> list[str]:
    hosts = os.environ.get("PAYUNG_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
    return [h.strip() for h in hosts.split(",") if h.strip()]
