"""Indonesia's national calendar from the ``holidays`` package, computed once and kept as data.

Importing ``holidays`` and computing a year costs tens of milliseconds; every command that shows a
deadline needs a few years of it. The dates are computed on first use and kept as JSON in the
user's cache folder (``$XDG_CACHE_HOME/klipctl``, else ``~/.cache/klipctl``; ``%LOCALAPPDATA%``
on Windows), in a file named after the package's version, so upgrading ``holidays`` (a new SKB
cuti bersama) makes a fresh cache. A cache that cannot be read or written is simply not used:
it never makes a command fail.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from klipctl.domain.workdays import HolidayYear
from klipctl.storage.files import atomic_write

CACHE_SCHEMA = 1
CATEGORIES = ("public", "government")
_DIST_RE = re.compile(r"^holidays-([0-9][^-]*)\.dist-info$", re.IGNORECASE)


def cache_dir(env: Mapping[str, str]) -> Path | None:
    base = env.get("XDG_CACHE_HOME") or (env.get("LOCALAPPDATA") if os.name == "nt" else None)
    if base:
        return Path(base) / "klipctl"
    home = env.get("HOME") or env.get("USERPROFILE")
    return Path(home) / ".cache" / "klipctl" if home else None


def package_version() -> str | None:
    """The installed ``holidays`` version, found without importing the package."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("holidays")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    site = Path(spec.origin).parent.parent
    try:
        for entry in os.scandir(site):
            found = _DIST_RE.match(entry.name)
            if found:
                return found.group(1)
    except OSError:
        pass
    try:  # an unusual layout (e.g. a zipped or vendored install): ask the slower way
        from importlib.metadata import version

        return version("holidays")
    except Exception:
        return None


def compute_year(year: int, language: str) -> HolidayYear:
    """One year from the ``holidays`` package (the heavy import happens here only)."""
    import holidays

    lang = "id" if language == "id" else "en_US"
    found: dict[str, dict[date, str]] = {}
    estimated: set[date] = set()
    for category in CATEGORIES:
        table = holidays.country_holidays("ID", years=year, categories=(category,), language=lang)
        # The package appends its translated "estimated" label, e.g. "%s (perkiraan)", to dates of
        # lunar holidays it has computed rather than taken from a decree.
        label = table.tr(table.estimated_label) % ""
        marker = label.strip()
        found[category] = {}
        for day, name in sorted(table.items()):
            text = str(name)
            found[category][day] = text
            if marker and marker in text:
                estimated.add(day)
    return HolidayYear(year, found["public"], found["government"], frozenset(estimated))


def _year_to_json(y: HolidayYear) -> dict[str, Any]:
    return {
        "public": {d.isoformat(): n for d, n in y.public.items()},
        "joint": {d.isoformat(): n for d, n in y.joint.items()},
        "estimated": sorted(d.isoformat() for d in y.estimated),
    }


def _year_from_json(year: int, raw: Any) -> HolidayYear:
    def days(m: Any) -> dict[date, str]:
        return {date.fromisoformat(k): str(v) for k, v in m.items()}

    return HolidayYear(
        year,
        days(raw["public"]),
        days(raw["joint"]),
        frozenset(date.fromisoformat(d) for d in raw["estimated"]),
    )


class NationalCalendar:
    """Callable year → ``HolidayYear``, from memory, then the cache file, then the package."""

    def __init__(self, language: str, folder: Path | None) -> None:
        self.language = "id" if language == "id" else "en"
        self.folder = folder
        self._years: dict[int, HolidayYear] = {}
        self._loaded = False
        self._version: str | None = None
        self._stored: dict[str, Any] = {}

    @property
    def path(self) -> Path | None:
        if self.folder is None or self._version is None:
            return None
        return self.folder / f"holidays-{self._version}.json"

    def _load(self) -> None:
        self._loaded = True
        self._version = package_version()
        path = self.path
        if path is None:
            return
        try:
            doc = json.loads(path.read_bytes())
            if doc.get("schema") != CACHE_SCHEMA or doc.get("holidays") != self._version:
                return
            self._stored = doc
            for key, raw in doc["languages"].get(self.language, {}).items():
                self._years[int(key)] = _year_from_json(int(key), raw)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._stored = {}
            self._years = {}

    def __call__(self, year: int) -> HolidayYear:
        if year in self._years:
            return self._years[year]
        if not self._loaded:
            self._load()
            if year in self._years:
                return self._years[year]
        # A cold cache usually needs the neighbouring years next (a deadline across a new year).
        for y in (year - 1, year, year + 1):
            if y not in self._years and 1 <= y <= 9998:
                self._years[y] = compute_year(y, self.language)
        self._save()
        return self._years[year]

    def _save(self) -> None:
        path = self.path
        if path is None:
            return
        doc = self._stored or {"schema": CACHE_SCHEMA, "holidays": self._version, "languages": {}}
        languages = dict(doc.get("languages") or {})
        languages[self.language] = {
            str(y): _year_to_json(v) for y, v in sorted(self._years.items())
        }
        doc = {**doc, "languages": languages}
        try:
            atomic_write(path, json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8"))
            self._stored = doc
            for old in path.parent.glob("holidays-*.json"):  # caches of earlier package versions
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only or full disk only costs speed
