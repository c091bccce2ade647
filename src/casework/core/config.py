"""Configuration read once from the environment.

Every knob is a ``CASEWORK_*`` variable (plus ``DATABASE_URL`` and ``REDIS_URL``).
Nothing secret lives in the code: the secret key is read from the environment
or generated once into the data directory.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(data_dir: Path) -> str:
    if key := os.environ.get("CASEWORK_SECRET_KEY"):
        return key
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


@dataclass(frozen=True)
class Config:
    data_dir: Path
    database_url: str
    redis_url: str | None
    secret_key: str
    debug: bool
    allowed_hosts: list[str]
    csrf_trusted_origins: list[str]
    max_body_bytes: int
    max_attachment_bytes: int
    embedded_worker: bool
    login_rate: str

    @classmethod
    def from_env(cls) -> Config:
        under_pytest = "PYTEST_VERSION" in os.environ
        if under_pytest and "CASEWORK_DATA_DIR" not in os.environ:
            # Tests never touch a developer's real data directory.
            os.environ["CASEWORK_DATA_DIR"] = tempfile.mkdtemp(prefix="casework-test-")
        data_dir = Path(os.environ.get("CASEWORK_DATA_DIR", Path.cwd() / "var")).resolve()
        hosts = os.environ.get("CASEWORK_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
        if under_pytest:
            hosts.append("testserver")
        default_db = f"sqlite:///{data_dir / 'casework.sqlite3'}"
        return cls(
            data_dir=data_dir,
            database_url=os.environ.get("DATABASE_URL", default_db),
            redis_url=os.environ.get("REDIS_URL") or None,
            secret_key=_secret_key(data_dir),
            debug=_bool("CASEWORK_DEBUG", False),
            allowed_hosts=hosts,
            csrf_trusted_origins=[o for o in os.environ.get("CASEWORK_CSRF_TRUSTED_ORIGINS", "").split(",") if o],
            max_body_bytes=int(os.environ.get("CASEWORK_MAX_BODY_BYTES", 2 * 1024 * 1024)),
            max_attachment_bytes=int(os.environ.get("CASEWORK_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024)),
            embedded_worker=_bool("CASEWORK_EMBEDDED_WORKER", True),
            login_rate=os.environ.get("CASEWORK_LOGIN_RATE", "10/5m"),
        )


CONFIG = Config.from_env()
