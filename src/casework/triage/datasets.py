"""Reading labelled CSV files for training and evaluation, with errors that name the row.

A training file is UTF-8 CSV with a header, one example per row; ``label`` value ``oos`` marks
an out-of-scope example. Row numbers in messages count the header as row 1, as a spreadsheet
shows them.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from casework.triage.engine.classifier import OOS_LABEL


class DatasetError(ValueError):
    """A CSV that cannot be used; the message names the file and the row."""


@dataclass
class Dataset:
    texts: list[str]
    labels: list[str]
    sha256: str
    path: str

    @property
    def classes(self) -> list[str]:
        return sorted({lab for lab in self.labels if lab != OOS_LABEL})


def read_csv(path: str | Path, *, text_col: str = "text", label_col: str | None = "label",
             for_training: bool = True) -> Dataset:
    """Read ``path``. ``label_col=None`` reads texts only (labels are then empty strings)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DatasetError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DatasetError(f"{path}: row {line} is not valid UTF-8 (byte {exc.start}); save the file as UTF-8") from exc
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise DatasetError(f"{path}: the file is empty (a header row is required)") from None
    header = [h.strip() for h in header]
    missing = [c for c in (text_col, label_col) if c and c not in header]
    if missing:
        raise DatasetError(f"{path}: row 1 (header) has no column {', '.join(repr(m) for m in missing)}; "
                           f"columns are {', '.join(header)}")
    ti = header.index(text_col)
    li = header.index(label_col) if label_col else None
    texts, labels = [], []
    try:
        for rownum, row in enumerate(reader, start=2):
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise DatasetError(f"{path}: row {rownum} has {len(row)} fields, the header has {len(header)}")
            text = row[ti].strip()
            if not text:
                raise DatasetError(f"{path}: row {rownum} has an empty {text_col!r}")
            label = row[li].strip() if li is not None else ""
            if li is not None and not label:
                raise DatasetError(f"{path}: row {rownum} has an empty {label_col!r}")
            texts.append(text)
            labels.append(label)
    except csv.Error as exc:
        raise DatasetError(f"{path}: row {reader.line_num} is not valid CSV ({exc})") from exc
    if not texts:
        raise DatasetError(f"{path}: no data rows after the header")
    if for_training and label_col:
        classes = {lab for lab in labels if lab != OOS_LABEL}
        if len(classes) < 2:
            raise DatasetError(f"{path}: only one class ({', '.join(sorted(classes)) or 'none'}) besides 'oos'; "
                               "training needs at least two case types")
    return Dataset(texts, labels, hashlib.sha256(raw).hexdigest(), str(path))


def dataset_sha256(texts: list[str], labels: list[str]) -> str:
    h = hashlib.sha256()
    for t, lab in zip(texts, labels, strict=False):
        h.update(t.encode("utf-8", "surrogatepass") + b"\x1f" + lab.encode() + b"\x1e")
    return h.hexdigest()
