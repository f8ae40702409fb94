"""`klipctl import`: an office's earlier Log Book (CSV or XLSX) into the log book, all rows or
none, and the empty template it is read from.

Every row is checked before anything is written (``domain.importing``: the layout, the people
on the roster, the dates, the SOP's own checks of each step); one problem anywhere and nothing
is imported. Then each row becomes a failure whose entries are the row's steps, dated as the row
says, marked as imported and signed by the importing clerk, all in one commit whose trailers
name the import (``Klipctl-Import``: the file's SHA-256), so ``verify`` and the central
repository's hook know these entries for what they are. The same file is never imported twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from klipctl.app import sharing
from klipctl.app.context import Context, author_of, commit_signer
from klipctl.app.entries import seal
from klipctl.audit import signing
from klipctl.domain import ids
from klipctl.domain.importing import MAX_ROWS, Problem, Row, Source, read_headers, read_row
from klipctl.domain.model import Failure
from klipctl.domain.roster import Person
from klipctl.domain.standing import Status
from klipctl.domain.validate import SHORT_MAX, check_text
from klipctl.errors import InvalidInput, Refused, UsageError
from klipctl.storage import commitmsg, store
from klipctl.storage.sheetfile import SheetFile, read_sheet, sheet_format


@dataclass(frozen=True)
class Checked:
    """`import --check`: the file, how many rows are ready, and every problem found."""

    file: str
    sha256: str
    ready: int
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Done:
    """`import`: the failures made (row by row) and the one commit that holds them."""

    file: str
    sha256: str
    commit: str
    failures: tuple[tuple[int, Status], ...]  # (row in the file, the failure)


def _clerk(ctx: Context) -> Person:
    actor = ctx.actor()
    if not actor.has_role("clerk"):
        raise Refused("import_not_clerk", handle=actor.handle)
    return actor


def _rows(ctx: Context, sheet: SheetFile, clerk: Person) -> tuple[list[Row], list[Problem]]:
    """Every row of ``sheet`` read, or every problem (the header's first: without a known
    layout the rows cannot be read)."""
    check_text(sheet.name, "file_name", limit=SHORT_MAX)  # it goes in every entry, one line
    if len(sheet.rows) < 2:
        raise InvalidInput("import_empty", file=sheet.name)
    if len(sheet.rows) - 1 > MAX_ROWS:
        raise InvalidInput("import_too_many", file=sheet.name, limit=MAX_ROWS)
    from klipctl.storage import index

    earlier = index.imported_from(ctx.logbook, sheet.sha256, ctx.env)
    if earlier:
        raise Refused("import_again", file=sheet.name, n=len(earlier), first=earlier[0])
    (_, headers), *body = sheet.rows
    layout, problems = read_headers(headers)
    if problems:
        return [], problems
    source = Source(sheet.name, sheet.sha256, clerk, ctx.now, ctx.logbook.roster)
    rows: list[Row] = []
    for n, cells in body:
        row, found = read_row(layout, n, cells, source)
        problems += found
        if row is not None:
            rows.append(row)
    return rows, problems


def check(ctx: Context, path: Path) -> Checked:
    """Read and check every row of ``path``; write nothing."""
    clerk = _clerk(ctx)
    sheet = read_sheet(path, MAX_ROWS)
    rows, problems = _rows(ctx, sheet, clerk)
    return Checked(sheet.name, sheet.sha256, len(rows), tuple(problems))


def run(ctx: Context, path: Path) -> Checked | Done:
    """Import every row of ``path`` as a failure in one commit, or (any problem) none: then
    the problems, with the log book unchanged."""
    clerk = _clerk(ctx)
    # Read once: the rows imported are those of the bytes whose SHA-256 the entries keep.
    sheet = read_sheet(path, MAX_ROWS)
    signer = ctx.signer(clerk.handle, clerk.key)
    _ = ctx.calendar  # read now: a damaged calendar refuses the import, not its result after
    with sharing.around_write(ctx):
        lb = ctx.logbook
        with lb.transaction() as tx:
            # Under the lock, after the central repository's news: the roster and the earlier
            # imports as the commit will find them.
            rows, problems = _rows(ctx, sheet, _clerk(ctx))
            if problems:
                return Checked(sheet.name, sheet.sha256, len(rows), tuple(problems))
            made: list[tuple[int, Failure]] = []
            files = {}
            taken: set[str] = set()
            for row in ctx.progress.over("progress_import", rows):
                failure = _sealed(_fresh_id(ctx, row, taken), row, signer)
                made.append((row.row, failure))
                text = store.new_failure_text(failure.id, failure.entries[0]) + "".join(
                    store.entry_text(e) for e in failure.entries[1:]
                )
                files[lb.failure_path(failure.id)] = text.encode("utf-8")
            tx.write_new(files)
            sha = tx.commit(_message(sheet, clerk, len(made)), author_of(clerk), ctx.now,
                            commit_signer(signer))  # fmt: skip
    return Done(sheet.name, sheet.sha256, sha, tuple((n, ctx.status(f)) for n, f in made))


def _fresh_id(ctx: Context, row: Row, taken: set[str]) -> str:
    """An ID from the moment the failure was reported (so it sorts, and is filed, with the
    month it happened in), free in this clone and in this import."""
    while True:
        failure_id = ids.new_id(row.entries[0].at)
        if failure_id not in taken and not ctx.logbook.failure_path(failure_id).exists():
            taken.add(failure_id)
            return failure_id


def _sealed(failure_id: str, row: Row, signer: signing.Signer | None) -> Failure:
    """The row's entries chained from the new ID and each signed by the importing clerk."""
    sealed = []
    prev = signing.genesis(failure_id)
    for entry in row.entries:
        entry = seal(entry, prev, signer)
        sealed.append(entry)
        prev = signing.digest(store.entry_to_dict(entry))
    return Failure(failure_id, tuple(sealed))


def _message(sheet: SheetFile, clerk: Person, n: int) -> str:
    return commitmsg.message(
        f"Import {n} failure(s) from {sheet.name}",
        [],
        [
            (commitmsg.ACTION, "import"),
            (commitmsg.ACTOR, clerk.handle),
            (commitmsg.ROLE, "clerk"),
            (commitmsg.IMPORT, sheet.sha256),
        ],
    )


def write_template(ctx: Context, path: Path) -> Path:
    """The empty Log Book ``import`` reads, as CSV (the header row) or XLSX (and a sheet
    explaining each column); never over a file already there."""
    from klipctl.documents.sheets import csv_text, import_template, xlsx_bytes
    from klipctl.documents.stored import check_output
    from klipctl.i18n.messages import Messages
    from klipctl.storage.files import atomic_write

    suffix = sheet_format(path)
    check_output(ctx.logbook_if_any(), path)
    if path.exists():
        raise UsageError("import_template_exists", path=str(path))
    sheets = import_template(Messages(ctx.language))
    data = csv_text(sheets[:1]).encode("utf-8") if suffix == ".csv" else xlsx_bytes(sheets)
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise UsageError("cannot_write", path=str(path), reason=exc.strerror or "") from None
    return path
