"""One serialisation for every trained triage model: a header with a format version and a hash.

Layout of a ``.cwm`` file::

    CASEWORK-TRIAGE-MODEL\\n
    {"format_version": 1, "kind": ..., "sha256": ..., "payload_bytes": ..., "libraries": {...}, ...}\\n
    <zlib-compressed pickle of the model object>

:func:`load_model` refuses, with a message that says what to do, a file that is not one of ours,
whose format version this code does not read, whose payload does not match its hash (or the
hash the registry recorded), or that was written by an incompatible scikit-learn / numpy.
Pickle runs code on load: the hash check happens before unpickling, and the registry only loads
files it wrote itself under the data directory.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import platform
import zlib
from pathlib import Path

import numpy
import scipy
import sklearn

MAGIC = b"CASEWORK-TRIAGE-MODEL\n"
FORMAT_VERSION = 1
SUPPORTED_FORMATS = frozenset({1})
_MAX_HEADER = 1 << 20


class ModelFileError(Exception):
    """A model file that cannot be used; ``str(error)`` is fit to show an admin."""


def _libraries() -> dict:
    return {"scikit-learn": sklearn.__version__, "numpy": numpy.__version__, "scipy": scipy.__version__,
            "python": platform.python_version()}


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def dump_model(obj, path: str | Path, *, metadata: dict | None = None) -> str:
    """Write ``obj`` to ``path`` atomically; return the payload's SHA-256 (hex)."""
    payload = zlib.compress(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL), 3)
    digest = hashlib.sha256(payload).hexdigest()
    header = {"format_version": FORMAT_VERSION, "kind": getattr(obj, "kind", type(obj).__name__),
              "sha256": digest, "payload_bytes": len(payload), "compression": "zlib",
              "libraries": _libraries(), "metadata": metadata or {}}
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(MAGIC)
        fh.write(json.dumps(header, sort_keys=True).encode("utf-8") + b"\n")
        fh.write(payload)
    tmp.replace(path)
    return digest


def read_header(path: str | Path) -> tuple[dict, int]:
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            magic = fh.read(len(MAGIC))
            if magic != MAGIC:
                raise ModelFileError(f"{path.name} is not a Casework triage model file")
            line = fh.readline(_MAX_HEADER)
            offset = fh.tell()
    except OSError as exc:
        raise ModelFileError(f"cannot read model file {path}: {exc.strerror or exc}") from exc
    try:
        header = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelFileError(f"{path.name}: the model header is damaged") from exc
    if not isinstance(header, dict) or header.get("format_version") not in SUPPORTED_FORMATS:
        raise ModelFileError(
            f"{path.name}: model format version {header.get('format_version') if isinstance(header, dict) else '?'}"
            f" is not supported by this Casework (reads {sorted(SUPPORTED_FORMATS)}); retrain the model")
    return header, offset


def check_compatible(header: dict, name: str) -> None:
    libs = header.get("libraries", {})
    ours = _libraries()
    for lib in ("scikit-learn", "numpy"):
        if lib in libs and _minor(libs[lib]).split(".")[0] != _minor(ours[lib]).split(".")[0]:
            raise ModelFileError(f"{name}: trained with {lib} {libs[lib]}, this install has {ours[lib]}; retrain")
    if "scikit-learn" in libs and _minor(libs["scikit-learn"]) != _minor(ours["scikit-learn"]):
        raise ModelFileError(f"{name}: trained with scikit-learn {libs['scikit-learn']}, this install has "
                             f"{ours['scikit-learn']}; retrain the model (casework triage retrain)")


def load_model(path: str | Path, *, expected_sha256: str | None = None, expected_kind: str | None = None):
    """Read, verify and return ``(obj, header)``. Raises :class:`ModelFileError` on any problem."""
    path = Path(path)
    header, offset = read_header(path)
    check_compatible(header, path.name)
    if expected_sha256 and header.get("sha256") != expected_sha256:
        raise ModelFileError(f"{path.name}: the file's hash does not match the registry's record (replaced file?)")
    with open(path, "rb") as fh:
        fh.seek(offset)
        payload = fh.read()
    if len(payload) != header.get("payload_bytes") or hashlib.sha256(payload).hexdigest() != header.get("sha256"):
        raise ModelFileError(f"{path.name}: the model file is truncated or corrupt (hash check failed)")
    if expected_kind and header.get("kind") != expected_kind:
        raise ModelFileError(f"{path.name}: holds a {header.get('kind')!r}, expected {expected_kind!r}")
    try:
        obj = pickle.loads(zlib.decompress(payload))
    except Exception as exc:  # noqa: BLE001 - any failure here means an unusable file
        raise ModelFileError(f"{path.name}: the model could not be loaded ({type(exc).__name__})") from exc
    return obj, header
