"""What every document shares: words for dates and numbers (Babel), the world it is made in
(the office, the people, the calendar, today), the letterhead, and the rendered result.

Each document is a view model — every date already in words, every working day already counted,
every sentence already in the chosen language — handed to a template that only loops and formats
(``render.py``): the result report (``report.py``), the Log Book register (``register.py``) and
the recap (``recap.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from klipctl.domain import verdict
from klipctl.domain.roster import Person, Roster
from klipctl.domain.workdays import DeadlineRule, WorkCalendar
from klipctl.errors import Refused, UsageError
from klipctl.i18n.messages import Messages
from klipctl.storage.config import Config

FORMATS = ("md", "html", "pdf")
SHEET_FORMATS = ("csv", "xlsx")  # the register and the recap only (``sheets.py``)


def long_date(day: date, lang: str) -> str:
    """ "25 November 2026" in Indonesian (or English), by Babel rather than by hand."""
    from babel.dates import format_date

    return format_date(day, format="d MMMM y", locale="id" if lang == "id" else "en")


def short_date(day: date, lang: str) -> str:
    """ "25 Nov 2026": a date in a table of many narrow columns (the register)."""
    from babel.dates import format_date

    return format_date(day, format="d MMM y", locale="id" if lang == "id" else "en")


def full_date(day: date, lang: str) -> str:
    """ "Rabu, 16 Desember 2026": a day with its weekday, as a person says a deadline."""
    from babel.dates import format_date

    return format_date(day, format="EEEE, d MMMM y", locale="id" if lang == "id" else "en")


def month_name(day: date, lang: str) -> str:
    from babel.dates import format_date

    return format_date(day, format="LLLL y", locale="id" if lang == "id" else "en")


def number_text(value: float, lang: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.#", locale="id" if lang == "id" else "en")


def percent_text(part: int, whole: int, lang: str) -> str:
    from babel.numbers import format_percent

    if whole == 0:
        return "—"
    return format_percent(part / whole, format="#,##0%", locale="id" if lang == "id" else "en")


def in_brackets(label: str) -> str:
    """A label to be shown inside brackets, without brackets of its own: "Petugas Dukungan
    Sistem (Operator Console)" reads "Petugas Dukungan Sistem, Operator Console" there."""
    head, found, rest = label.partition(" (")
    return f"{head}, {rest.removesuffix(')')}" if found and rest.endswith(")") else label


def shares_text(counts: Sequence[int], lang: str) -> list[str]:
    """Each count as a whole-number percentage of their sum, the percentages adding up to 100
    (the largest remainder method: rounding each alone gives 97 or 101)."""
    from babel.numbers import format_percent

    whole = sum(counts)
    if whole == 0:
        return ["—" for _ in counts]
    exact = [100 * c / whole for c in counts]
    floors = [int(x) for x in exact]
    by_remainder = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in by_remainder[: 100 - sum(floors)]:
        floors[i] += 1
    loc = "id" if lang == "id" else "en"
    return [format_percent(p / 100, format="#,##0%", locale=loc) for p in floors]


class Labels:
    """The catalogue's ``doc_*`` texts for templates: ``t.sec_intro`` is ``doc_sec_intro``."""

    def __init__(self, m: Messages) -> None:
        self._m = m

    def __getattr__(self, name: str) -> str:
        key = "doc_" + name  # the templates' extraction reads t.NAME as this key
        if name.startswith("_") or not self._m.has(key):
            raise AttributeError(name)  # StrictUndefined then names it in the template error
        return self._m(key)


@dataclass(frozen=True)
class World:
    """What every document needs from outside: the office, the people, the calendar, today."""

    config: Config
    roster: Roster
    calendar: WorkCalendar
    today: date
    lang: str
    logo: str | None = None  # the office's logo as a data: URI (``logo_of``), if it has one

    @property
    def m(self) -> Messages:
        return Messages(self.lang)

    @property
    def rule(self) -> DeadlineRule:
        return self.config.rule

    def name(self, handle: str | None) -> str:
        if not handle:
            return "—"
        person = self.roster.get(handle)
        return person.name if person else handle


def lines(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n"))


@dataclass(frozen=True)
class Letterhead:
    lines: tuple[str, ...]  # ministry, directorate general, office: upper case, bold
    contact: tuple[str, ...]  # the address; telephone, facsimile, website and mail on one line
    logo: str | None = None  # a data: URI; None draws a neutral placeholder
    # Each contact line in its parts ("TELEPON (021) 5250208", …): print wraps a long line
    # between them, never inside one (a mail address alone on a line of its own).
    contact_parts: tuple[tuple[str, ...], ...] = ()


def letterhead(w: World) -> Letterhead:
    """The kop as DJP letterheads set it: the ministry, the directorate general and the office,
    then the address and "TELEPON …; FAKSIMILE …; LAMAN …; SUREL …" in capitals (the website
    and the mail address as written). What ``klipctl.yaml`` leaves empty is left out."""
    office = w.config.office
    reach = []
    for key, value in (("phone", office.phone), ("fax", office.fax)):
        if value[:1].isalpha():  # "Telepon (021) …; Faksimile …": already says what it is
            reach.append(value.upper())
        elif value:
            reach.append(w.m(f"doc_kop_{key}", value=value))
    reach += [
        w.m(f"doc_kop_{key}", value=value)
        for key, value in (("website", office.website), ("email", office.email))
        if value
    ]
    parts = tuple(line for line in ((office.address.upper(),) if office.address else (),
                                     tuple(reach)) if line)  # fmt: skip
    lines = (w.m("doc_ministry"), w.m("doc_directorate"), office.name.upper())
    return Letterhead(lines, tuple("; ".join(p) for p in parts), w.logo, parts)


@dataclass(frozen=True)
class Signature:
    """The signature block of a document signed by hand: place and date, the jabatan, a blank
    space to sign in, the name and the NIP."""

    place_date: str
    title: str
    name: str
    nip: str


def signature(w: World, signer: Person | None, day: date) -> Signature:
    """The supervisor's signature block, dated ``day``; ``signer`` None (no supervisor in the
    roster) leaves dotted lines for the name and NIP, to fill in by hand."""
    if signer is None:
        supervisors = w.roster.with_role("supervisor")
        signer = supervisors[0] if supervisors else None
    blank = "……………………"
    return Signature(
        place_date=f"{w.config.office.city}, {long_date(day, w.lang)}",
        title=w.m("doc_signer_title"),
        name=signer.name if signer else blank,
        nip=w.m("doc_nip", nip=signer.nip_grouped if signer else blank),
    )


def logo_of(root: Path) -> str | None:
    """The office's logo (``templates/logo.svg`` or ``.png``, put there with `klipctl template
    add`) as a data: URI, so every document stays one self-contained file."""
    import base64

    from klipctl.storage.files import read_own
    from klipctl.storage.layout import LOGO_FILES, TEMPLATES_DIR

    for name in reversed(LOGO_FILES):  # an SVG first: it prints sharp at any size
        try:
            data = read_own(root, f"{TEMPLATES_DIR}/{name}")
        except (FileNotFoundError, NotADirectoryError):
            continue
        media = "image/svg+xml" if name.endswith(".svg") else "image/png"
        return f"data:{media};base64,{base64.b64encode(data).decode('ascii')}"
    return None


def days_used(cal: WorkCalendar, rule: DeadlineRule, assigned_at: datetime, end: date) -> int:
    """Working days from the assignment to ``end``, counted as the deadline is counted."""
    return verdict.days_used(cal, rule, cal.received_on(assigned_at, rule), end)


@dataclass(frozen=True)
class Document:
    """A rendered document: text for md/html/csv, bytes for pdf/xlsx."""

    format: str
    content: str | bytes
    name: str  # a sensible file name stem


def check_format(fmt: str, sheets: bool = False) -> str:
    """``fmt`` if the document has it: md, html, pdf, and for a register or recap csv, xlsx."""
    if fmt in FORMATS or (sheets and fmt in SHEET_FORMATS):
        return fmt
    raise UsageError("bad_format_sheets" if sheets else "bad_format", value=fmt)


def finish(fmt: str, html: str, name: str) -> Document:
    if fmt == "pdf":
        return Document(fmt, html_to_pdf(html), name)
    return Document(fmt, html, name)


def html_to_pdf(html: str) -> bytes:
    """PDF from the HTML with WeasyPrint (the ``pdf`` extra), or a clear way to get it."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the package is there, pango is not
        raise Refused("pdf_missing", reason=f"{type(exc).__name__}: {exc}") from None
    return bytes(weasyprint.HTML(string=html).write_pdf())
