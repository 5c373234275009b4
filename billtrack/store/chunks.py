"""The chunk cache: every version of one bill.yaml parsed from provision-sized pieces, each
piece parsed once for the whole history, and the result kept under .git/billtrack/.

A version of bill.yaml is cut into chunks (billtrack.store.cutter: one per provision
and one header), and only the chunks that changed since the version before are looked
at. A chunk is keyed by a digest of its bytes, so a provision that did not change
between versions is never parsed again; only chunks never seen before are dedented and
loaded alone with the C loader (all the new chunks of a version in one load).

The result for a version is exactly what a whole-file parse gives (`build_bill(load(raw))`):
whenever a piece does not parse on its own, or the file has anything the cut cannot be
sure about (flow style at the top, aliases, odd indentation, tabs, directives or
document markers, line breaks other than LF/CRLF), that version falls back to a
whole-file parse. A version that does not parse at all is kept as its Problem.

On disk: one JSON file per bill path under .git/billtrack/history/, written atomically
(temp file, rename), read whole; any failure to read or write it is ignored (it is an
optimisation only). It is plain data (the records as YAML gave them, indices, problems),
never a pickle: reading it cannot run anything. This module never prints.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from billtrack.model import Bill, Provision
from billtrack.problems import Problem, ProblemError
from billtrack.store import plain
from billtrack.store.cache import CACHE_FORMAT, git_dir
from billtrack.store.cutter import Layout, align, dedent, resplit, safe_piece, split
from billtrack.store.records import build_bill, build_provision
from billtrack.store.yamlio import MAX_DEPTH, Document, load

CHUNK_FORMAT = f"chunks-3-{CACHE_FORMAT}"


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _depth(value: Any, limit: int) -> int:
    """How deeply `value` nests (a scalar is 0), counted up to `limit`."""
    if limit <= 0 or not isinstance(value, (dict, list)):
        return 0
    children = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(child, limit - 1) for child in children), default=0)


# An item is two levels below the root in the file (root mapping, provisions list) and
# one level below it when loaded alone (a one-item list): its own nesting must leave room.
_ITEM_DEPTH_LIMIT = MAX_DEPTH - 2


@dataclass(slots=True)
class _Table:
    """What the cache keeps: provisions and headers by chunk digest, versions by blob id."""

    chunks: dict[bytes, int] = field(default_factory=dict)  # digest -> provision, -1 bad
    provisions: list[dict[str, Any]] = field(default_factory=list)  # the raw records
    headers: dict[bytes, int] = field(default_factory=dict)  # digest -> header, -1 bad
    header_records: list[dict[str, Any]] = field(default_factory=list)
    # blob id -> (header, provision indices, id sequence)
    blobs: dict[str, tuple[int, array[int], int]] = field(default_factory=dict)
    errors: dict[str, Problem] = field(default_factory=dict)
    # The distinct sequences of provision ids: versions that differ only in wording share
    # one, so "same ids in the same order" is one integer comparison.
    sequences: list[tuple[str, ...]] = field(default_factory=list)
    sequence_index: dict[tuple[str, ...], int] = field(default_factory=dict)


def _table_to_plain(table: _Table) -> dict[str, Any]:
    return {
        "chunks": {key.hex(): index for key, index in table.chunks.items()},
        "provisions": plain.pack_records(table.provisions),
        "headers": {key.hex(): index for key, index in table.headers.items()},
        "header_records": table.header_records,
        # The indices as the bytes of their array (little-endian 32-bit), in base64:
        # a JSON list of half a million integers takes ten times as long to read.
        "blobs": {oid: [h, plain.pack_indices(ix), s] for oid, (h, ix, s) in table.blobs.items()},
        "errors": {oid: plain.problem_to_plain(p) for oid, p in table.errors.items()},
        "sequences": table.sequences,
    }


def _table_from_plain(data: dict[str, Any]) -> _Table:
    """The table stored as `data`; raises (anything) when it is not one: a miss."""
    provisions = plain.unpack_records(data["provisions"])
    header_records = data["header_records"]
    sequences = [tuple(str(i) for i in seq) for seq in data["sequences"]]
    if not all(isinstance(r, dict) for r in (*provisions, *header_records)):
        raise ValueError("a record that is not a mapping")

    def index(value: Any, size: int, low: int = -1) -> int:
        if not isinstance(value, int) or not low <= value < size:
            raise ValueError(f"index {value!r} out of range")
        return value

    blobs: dict[str, tuple[int, array[int], int]] = {}
    for oid, (header, indices, sequence) in data["blobs"].items():
        rows = plain.unpack_indices(indices)
        if rows and max(rows) >= len(provisions):
            raise ValueError("a provision index out of range")
        blobs[str(oid)] = (
            index(header, len(header_records), 0),
            rows,
            index(sequence, len(sequences), 0),
        )
    return _Table(
        chunks={bytes.fromhex(k): index(v, len(provisions)) for k, v in data["chunks"].items()},
        provisions=provisions,
        headers={
            bytes.fromhex(k): index(v, len(header_records)) for k, v in data["headers"].items()
        },
        header_records=header_records,
        blobs=blobs,
        errors={str(k): plain.problem_from_plain(v) for k, v in data["errors"].items()},
        sequences=sequences,
        sequence_index={seq: i for i, seq in enumerate(sequences)},
    )


@dataclass(slots=True)
class Stats:
    """What a run did, for benchmarks and tests."""

    versions: int = 0
    parsed: int = 0  # chunks parsed alone
    whole: int = 0  # versions parsed whole (fallback)


class ChunkCache:
    """Parsed versions of one bill file, by blob id, built from cached chunks."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.stats = Stats()
        self._table = _Table()
        self._dirty = False
        self._last: Layout | None = None
        self._replaced: tuple[Layout, int, int] | None = None
        self._built: dict[int, Provision] = {}
        self._headers_built: dict[int, Bill] = {}
        self._bills: dict[str, Bill] = {}
        self._ids: list[str] | None = None
        self._strings: dict[str, str] = {}  # see _share_strings
        if path is not None:
            self._load(path)

    @classmethod
    def for_bill(cls, top: Path | None, bill_path: str) -> ChunkCache:
        """The cache of `bill_path` in the repository at `top` (in memory only when
        there is no repository or BILLTRACK_NO_CACHE is set)."""
        if top is None or os.environ.get("BILLTRACK_NO_CACHE"):
            return cls()
        found = git_dir(top)
        if found is None:
            return cls()
        name = hashlib.sha1(bill_path.encode(), usedforsecurity=False).hexdigest()
        return cls(found / "billtrack" / "history" / CHUNK_FORMAT / f"{name}.json")

    # --- persistence ---------------------------------------------------------------------

    def _load(self, path: Path) -> None:
        try:
            with path.open("rb") as handle:
                stored = plain.loads(handle.read())
            if isinstance(stored, dict) and stored.get("format") == CHUNK_FORMAT:
                self._table = _table_from_plain(stored["table"])
        except Exception:  # a missing, partial or foreign file is an empty cache
            self._table = _Table()

    def save(self) -> None:
        """Write the table if anything was added; failures are ignored."""
        if self.path is None or not self._dirty:
            return
        temp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            data = {"format": CHUNK_FORMAT, "table": _table_to_plain(self._table)}
            with temp.open("wb") as handle:
                handle.write(plain.dumps(data))
            temp.replace(self.path)
            self._dirty = False
        except Exception:
            with contextlib.suppress(OSError):
                temp.unlink()

    # --- reading -------------------------------------------------------------------------

    def __contains__(self, oid: object) -> bool:
        return oid in self._table.blobs or oid in self._table.errors

    def error(self, oid: str) -> Problem | None:
        """The problem of a version that does not parse, else None."""
        return self._table.errors.get(oid)

    def indices(self, oid: str) -> array[int]:
        """The provision indices of a version, in order: equal indices, equal provisions."""
        return self._table.blobs[oid][1]

    def sequence(self, oid: str) -> int:
        """The version's id sequence, as a number: equal numbers, same ids in the same order."""
        return self._table.blobs[oid][2]

    def _intern(self, ids: tuple[str, ...]) -> int:
        table = self._table
        found = table.sequence_index.get(ids)
        if found is None:
            table.sequences.append(ids)
            found = table.sequence_index[ids] = len(table.sequences) - 1
        return found

    def _sequence_of(self, layout: Layout, changed: list[int] | None) -> int:
        """The layout's id sequence: its base's when every chunk found anew has the id
        of the chunk it replaced (`changed`: those positions, when aligned with the base)."""
        records = self._table.provisions
        if self._replaced is not None:
            prev = self._replaced[0]
            if (
                prev.sequence is not None
                and changed is not None
                and all(
                    records[layout.index[at] or 0]["id"] == records[prev.index[at] or 0]["id"]
                    for at in changed
                )
            ):
                return prev.sequence
        return self._intern(tuple(records[i]["id"] for i in layout.index if i is not None))

    def provision(self, index: int) -> Provision:
        built = self._built.get(index)
        if built is None:
            record = self._table.provisions[index]
            built = build_provision(Document("bill.yaml", record), record, ("provisions", 0))
            self._built[index] = built
        return built

    def provision_ids(self) -> list[str]:
        """The id of every provision in the table, by index."""
        if self._ids is None or len(self._ids) != len(self._table.provisions):
            self._ids = [str(record.get("id")) for record in self._table.provisions]
        return self._ids

    def ids(self, oid: str) -> tuple[str, ...]:
        """The provision ids of a version, in order."""
        return self._table.sequences[self._table.blobs[oid][2]]

    def bill(self, oid: str) -> Bill:
        """The bill as the version reads; raises ProblemError when it does not parse."""
        found = self._bills.get(oid)
        if found is not None:
            return found
        problem = self._table.errors.get(oid)
        if problem is not None:
            raise ProblemError(problem)
        header_index, indices, _ = self._table.blobs[oid]
        header = self._header_bill(header_index)
        provisions = tuple(self.provision(i) for i in indices)
        records = [self._table.provisions[i] for i in indices]
        raw = {
            key: (records if key == "provisions" else value)
            for key, value in self._table.header_records[header_index].items()
        }
        bill = replace(header, provisions=provisions, raw=raw)
        self._bills[oid] = bill
        return bill

    def partial(self, oid: str, indices: Iterable[int]) -> Bill:
        """The version's bill with only these provisions (to diff a few of them)."""
        header_index = self._table.blobs[oid][0]
        return replace(
            self._header_bill(header_index), provisions=tuple(self.provision(i) for i in indices)
        )

    def _header_bill(self, index: int) -> Bill:
        built = self._headers_built.get(index)
        if built is None:
            record = dict(self._table.header_records[index])
            record["provisions"] = []
            built = build_bill(Document("bill.yaml", record))
            self._headers_built[index] = built
        return built

    # --- adding versions -------------------------------------------------------------------

    def add(self, oid: str, raw: bytes, shown: str = "bill.yaml", *, keep: bool = True) -> None:
        """Parse one version (if not cached yet). `shown` names it in problems. With
        keep=False the version alone is no reason to write the cache (the working tree:
        it changes at every edit, and rewriting a large cache for it costs more than
        parsing it again next time)."""
        if oid in self:
            return
        self.stats.versions += 1
        self._dirty = self._dirty or keep
        layout = self._cut(raw)
        ok, changed = self._fill(layout, shown) if layout is not None else (False, None)
        if ok:
            assert layout is not None
            header = layout.header
            assert header is not None and header >= 0
            indices = array("I", [i if i is not None else 0 for i in layout.index])
            layout.sequence = self._sequence_of(layout, changed)
            self._table.blobs[oid] = (header, indices, layout.sequence)
            self._last = layout
            return
        # The next version is cut from scratch: its pieces are then looked up by digest,
        # and a piece known not to parse alone sends it whole at once.
        self._last = None
        self.stats.whole += 1
        self._whole(oid, raw, shown)

    def _cut(self, raw: bytes) -> Layout | None:
        self._replaced = None
        if self._last is not None:
            found = resplit(self._last, raw)
            if found is not None:
                layout, k, j = found
                self._replaced = (self._last, k, j)
                return layout
        return split(raw)

    def _fill(self, layout: Layout, shown: str) -> tuple[bool, list[int] | None]:
        """Find or parse every unknown piece: (False, None) when one does not parse
        alone (the caller then parses the file whole), else (True, the positions found
        anew when they line up with the base version's, or None)."""
        table = self._table
        if layout.header is None:
            header = layout.header_bytes()
            key = digest(header)
            index = table.headers.get(key)
            if index is None:
                index = self._parse_header(header, shown)
                table.headers[key] = index
            layout.header = index
        if layout.header < 0:
            return False, None
        aligned: list[int] | None = None
        if self._replaced is not None:
            prev, k, j = self._replaced
            count = len(layout.starts) - (len(prev.starts) - j + k)
            if count == j - k:
                aligned = todo = align(layout, prev, k, j)
            else:
                todo = list(range(k, k + count))
        else:
            todo = [at for at, known in enumerate(layout.index) if known is None]
        missing: list[tuple[int, bytes, bytes]] = []
        for at in todo:
            chunk = layout.chunk(at)
            key = digest(chunk)
            index = table.chunks.get(key)
            if index is None:
                missing.append((at, chunk, key))
                continue
            if index < 0:
                return False, None
            layout.index[at] = index
        if missing:
            self._parse_chunks(layout, missing, shown)
        if None in layout.index or -1 in layout.index:
            return False, None
        return True, aligned

    def _share_strings(self, record: dict[str, Any]) -> None:
        """Make the record's string values the very objects that records added earlier in
        this run hold, when equal. A renumbering changes one line of every later
        provision, so each of them is a new piece, parsed anew: without sharing, the
        cache keeps (and writes) their unchanged texts once per wave. Measured on the
        history benchmark (500 provisions x 1,000 commits): the cache file is 15.5 MB
        without, 5.7 MB with (the warm run reads it whole: peak memory 61 MB, 47 MB)."""
        strings = self._strings
        for key, value in record.items():
            if type(value) is str:
                record[key] = strings.setdefault(value, value)
            elif type(value) is dict:
                for name, text in value.items():
                    if type(text) is str:
                        value[name] = strings.setdefault(text, text)

    def _parse_header(self, header: bytes, shown: str) -> int:
        if not safe_piece(header):
            return -1
        try:
            data = load(header, shown, positions=False).data
            if not isinstance(data, dict) or "provisions" not in data:
                return -1
            if data["provisions"] is not None:
                return -1
            build_bill(Document(shown, {**data, "provisions": []}))
        except ProblemError:
            return -1
        self._table.header_records.append(data)
        return len(self._table.header_records) - 1

    def _add_provision(self, record: dict[str, Any], provision: Provision | None) -> int:
        self._share_strings(record)
        self._table.provisions.append(record)
        index = len(self._table.provisions) - 1
        if provision is not None:
            self._built[index] = provision
        return index

    def _parse_chunks(
        self, layout: Layout, missing: list[tuple[int, bytes, bytes]], shown: str
    ) -> None:
        """Parse the new chunks, all in one load when they all end with a newline."""
        ready: list[tuple[int, bytes, bytes]] = []
        for at, chunk, key in missing:
            piece = dedent(chunk, layout.indent) if safe_piece(chunk) else None
            if piece is None:
                self._table.chunks[key] = -1
                layout.index[at] = -1
            else:
                ready.append((at, piece, key))
        if not ready:
            return
        items: list[Any] | None = None
        if len(ready) > 1 and all(piece.endswith(b"\n") for _, piece, _ in ready):
            try:
                data = load(b"".join(piece for _, piece, _ in ready), shown, positions=False)
                if isinstance(data.data, list) and len(data.data) == len(ready):
                    items = data.data
            except ProblemError:
                items = None
        if items is None:
            items = [self._parse_one(piece, shown) for _, piece, _ in ready]
        for (at, _, key), item in zip(ready, items, strict=True):
            index = self._provision_from(item)
            self._table.chunks[key] = index
            layout.index[at] = index
            self.stats.parsed += 1

    @staticmethod
    def _parse_one(piece: bytes, shown: str) -> Any:
        try:
            data = load(piece, shown, positions=False).data
        except ProblemError:
            return None
        return data[0] if isinstance(data, list) and len(data) == 1 else None

    def _provision_from(self, item: Any) -> int:
        if not isinstance(item, dict) or _depth(item, _ITEM_DEPTH_LIMIT + 1) > _ITEM_DEPTH_LIMIT:
            return -1
        try:
            provision = build_provision(Document("bill.yaml", item), item, ())
        except ProblemError:
            return -1
        return self._add_provision(item, provision)

    def _whole(self, oid: str, raw: bytes, shown: str) -> None:
        """The fallback: parse the whole file, and keep its pieces unkeyed."""
        try:
            doc = load(raw, shown, positions=False)
            bill = build_bill(doc)
        except ProblemError as exc:
            self._table.errors[oid] = exc.problem
            return
        record = doc.data
        assert isinstance(record, dict)
        indices = array("I")
        for provision in bill.provisions:
            indices.append(self._add_provision(dict(provision.raw), provision))
        header = {key: (None if key == "provisions" else value) for key, value in record.items()}
        self._table.header_records.append(header)
        header_index = len(self._table.header_records) - 1
        self._headers_built[header_index] = replace(bill, provisions=(), raw={})
        sequence = self._intern(tuple(p.id for p in bill.provisions))
        self._table.blobs[oid] = (header_index, indices, sequence)
        self._bills[oid] = bill


def parse_bill(raw: bytes, shown: str = "bill.yaml") -> Bill:
    """One version read through the chunk cutter (what the cache would give for it)."""
    cache = ChunkCache()
    cache.add("-", raw, shown)
    return cache.bill("-")
