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
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create data folder {path}: {exc.strerror}") from exc
    return path


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{ensure_data_dir() / 'payung.sqlite3'}"


def regency_code() -> str:
    return os.environ.get("PAYUNG_REGENCY", DEFAULT_REGENCY).strip()


_YES = {"1", "true", "yes", "on"}
_NO = {"", "0", "false", "no", "off"}


def flag(name: str) -> bool:
    """A yes/no setting. Anything but the usual words is a mistake, not a silent "no"."""
    value = os.environ.get(name, "").strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ConfigError(f"{name} must be 1 or 0 (yes or no), not {os.environ[name]!r}")


def whole_number(name: str, default: int, minimum: int = 1) -> int:
    """A count or a size from the environment; a typo such as "10m" is an error."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw.replace("_", ""))
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {value}")
    return value


def debug() -> bool:
    return flag("PAYUNG_DEBUG")


def https() -> bool:
    """PAYUNG_HTTPS: Payung is reached over HTTPS, usually through a TLS proxy in front of it."""
    return flag("PAYUNG_HTTPS")


def csrf_trusted_origins() -> list[str]:
    """Origins a proxy may present that differ from the Host header, e.g. https://payung.go.id."""
    origins = [
        o.strip() for o in os.environ.get("PAYUNG_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
    ]
    for origin in origins:
        scheme, _, rest = origin.partition("://")
        if scheme not in {"http", "https"} or not rest or "/" in rest:
            raise ConfigError(
                "PAYUNG_CSRF_TRUSTED_ORIGINS holds origins such as https://payung.example.go.id"
                f" (scheme and host, no path), not {origin!r}"
            )
    return origins


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
