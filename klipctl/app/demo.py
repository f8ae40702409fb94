"""``klipctl demo``: a throw-away log book with an example office, walked through the SOP.

Everything goes through the same core functions people use, each step as the person the SOP
names, signed with their own throw-away ed25519 key (made with ssh-keygen in a folder beside the
log book), and dated in the recent past (working days before today), so the board shows finished,
rejected, overdue, soon-due and new failures side by side, and two failures imported from the
office's earlier Log Book (a CSV sheet).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from klipctl.app import attachments, importing, people, settings, steps
from klipctl.app.context import Context
from klipctl.domain.model import JAKARTA
from klipctl.domain.workdays import WorkCalendar
from klipctl.errors import NotFound
from klipctl.storage.holidaycache import NationalCalendar

# handle, name, NIP, roles, email
ROSTER = (
    ("budi", "Budi Santoso", "198203152006041003", ["supervisor"], "budi.santoso@pajak.go.id"),
    ("sari", "Sari Wulandari", "198501012010012001", ["clerk"], "sari.wulandari@pajak.go.id"),
    ("andi", "Andi Pratama", "199002202014021002", ["operator"], "andi.pratama@pajak.go.id"),
    (
        "dewi",
        "Dewi Lestari",
        "199107082015032001",
        ["operator", "staff"],
        "dewi.lestari@pajak.go.id",
    ),
    ("rina", "Rina Marlina", "199305122016122002", ["staff"], "rina.marlina@pajak.go.id"),
    ("hasan", "Hasan Basri", "197506302000031001", ["head"], "hasan.basri@pajak.go.id"),
)


@dataclass(frozen=True)
class Step:
    days_ago: int  # working days before today
    hour: int
    actor: str
    action: str
    details: dict[str, Any]


def _walk(
    title: str,
    system: str,
    severity: str,
    reporter: str,
    start: int,
    steps: list[tuple[int, str, str, dict[str, Any]]],
    hour: int = 9,
) -> list[Step]:
    """A failure reported ``start`` working days ago at ``hour``, then ``steps`` (days after
    the report)."""
    report = Step(
        start, hour, reporter, "report", {"title": title, "system": system, "severity": severity}
    )
    return [report] + [
        Step(start - offset, hour + 1 + i, actor, action, details)
        for i, (offset, actor, action, details) in enumerate(steps)
    ]


# An attached file (written beside the log book when the demo is made), and its text.
VPN_LOG = "vpn-client.log"
VPN_LOG_TEXT = (
    "2026-01-01 08:58:12 INFO  Connected to vpn.kantor.pajak.go.id\n"
    "2026-01-01 09:14:40 WARN  Keepalive timeout (30 s)\n"
    "2026-01-01 09:14:41 ERROR Tunnel closed by peer; reconnecting\n"
)

FULL = [
    (0, "sari", "record", {}),
    (1, "budi", "assign", {"to": "andi"}),
    (
        3,
        "andi",
        "resolve",
        {
            "action": "Layanan web dimulai ulang dan sertifikat TLS diperbarui",
            "cause": "Sertifikat TLS kedaluwarsa",
        },
    ),
    (4, "budi", "accept", {"drafter": "sari"}),
    (5, "sari", "draft", {}),
    (6, "budi", "sign", {}),
    (6, "budi", "deliver", {}),
    (7, "sari", "archive", {}),
]

SCENARIO = [
    _walk(
        "Aplikasi Pengaduan Online tidak dapat diakses",
        "Aplikasi Pengaduan Online",
        "high",
        "rina",
        16,
        FULL,
    ),
    _walk(
        "Server surel sangat lambat",
        "Email Server",
        "medium",
        "dewi",
        11,
        [
            (0, "sari", "record", {}),
            (0, "budi", "assign", {"to": "andi"}),
            (2, "andi", "resolve", {"action": "Antrean surel dibersihkan"}),
            (3, "budi", "reject", {"reason": "Surel masih tertunda lebih dari 10 menit"}),
            (
                5,
                "andi",
                "resolve",
                {
                    "action": "Kapasitas disk server surel ditambah",
                    "cause": "Disk penuh oleh arsip log",
                },
            ),
            (6, "budi", "accept", {"drafter": "sari"}),
            (7, "sari", "draft", {}),
            (7, "budi", "return", {"reason": "Cantumkan penyebab dan kapasitas disk yang baru"}),
            (8, "sari", "draft", {}),
            (8, "budi", "sign", {}),
        ],
    ),
    _walk(
        "Printer jaringan lantai 3 tidak merespons",
        "Printer Server",
        "low",
        "rina",
        14,
        [
            (0, "sari", "record", {}),
            (1, "budi", "assign", {"to": "dewi"}),
            (
                3,
                "budi",
                "reassign",
                {"to": "andi", "reason": "Dewi cuti tahunan sampai akhir bulan"},
            ),
        ],
    ),
    _walk(
        "Koneksi VPN kantor sering terputus",
        "VPN",
        "high",
        "dewi",
        9,
        [
            (0, "sari", "record", {}),
            (1, "budi", "assign", {"to": "andi"}),
            (1, "dewi", "attach", {"files": [VPN_LOG], "note": "Log klien VPN saat terputus"}),
            (2, "andi", "note", {"text": "Sudah dieskalasi ke Direktorat TIK; menunggu balasan"}),
        ],
    ),
    _walk(
        "[URGENT] Basis data pengaduan hampir penuh",
        "Database Server",
        "critical",
        "rina",
        1,
        [
            (0, "sari", "record", {}),
        ],
    ),
    _walk("Telepon IP meja layanan mati", "IP Telephony", "medium", "rina", 0, []),
    # The same failure reported again by someone else: withdrawn as a duplicate of the one above.
    _walk(
        "Telepon di meja layanan tidak ada nada sambung",
        "IP Telephony",
        "medium",
        "dewi",
        0,
        [(0, "sari", "withdraw", {"reason": "Laporan ganda", "duplicate_of": "@5"})],
        hour=10,
    ),
]


# The office's Log Book from before klipctl, imported by the clerk: a sheet as Excel writes it in
# Indonesia (";" between fields), its dates in working days before today.
OLD_LOGBOOK = "logbook-lama.csv"
OLD_ROWS = (
    ("Tanggal Lapor", "Pelapor", "Sistem", "Judul", "Tingkat", "Tanggal Tugas", "Penugas",
     "Petugas", "Tanggal Selesai", "Tindakan", "Tanggal Diterima", "Pemeriksa",
     "Penyusun Laporan"),
    (30, "Rina Marlina", "SIKKA", "SIKKA tidak dapat mencetak SPT", "sedang", 29, "budi", "andi",
     27, "Driver printer dipasang ulang", 26, "budi", "sari"),
    (25, "dewi", "Jaringan", "Wi-Fi ruang rapat putus", "rendah", 25, "budi", "dewi", 21,
     "Access point diganti", "", "", ""),
)  # fmt: skip


def _old_logbook(cal: WorkCalendar, today: date) -> str:
    """The old Log Book's text, its day columns (numbers) written as dd/mm/yyyy."""
    lines = []
    for row in OLD_ROWS:
        cells = [
            f"{_working_days_back(cal, today, v):%d/%m/%Y}" if isinstance(v, int) else v
            for v in row
        ]
        lines.append(";".join(cells))
    return "\r\n".join(lines) + "\r\n"


def _working_days_back(cal: WorkCalendar, today: date, n: int) -> date:
    day = today
    while n > 0 or not cal.is_working_day(day):
        day -= timedelta(days=1)
        if cal.is_working_day(day):
            n -= 1
    return day


def _make_keys(folder: Path, handles: list[str]) -> dict[str, Path]:
    """Throw-away ed25519 keys (no passphrase) for the example roster, beside the log book."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {}
    for handle in handles:
        path = folder / handle
        if not path.exists():
            try:
                subprocess.run(
                    ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", f"{handle} (demo)"]
                    + ["-f", str(path)],
                    check=True,
                    capture_output=True,
                )
            except FileNotFoundError:
                raise NotFound("ssh_keygen_missing") from None
        made[handle] = path
    return made


def run(target: Path, skeleton: Path, now: datetime, language: str) -> Context:
    """Build the demo log book at ``target``; return a context for reading it as of ``now``."""
    national = NationalCalendar(language, None)
    cal = WorkCalendar(lambda year: national(year).days)
    today = now.astimezone(JAKARTA).date()

    def at(days_ago: int, hour: int) -> datetime:
        moment = datetime.combine(_working_days_back(cal, today, days_ago), time(hour), JAKARTA)
        return min(moment, now)

    first = at(20, 8)
    root = steps.init_logbook(target, skeleton, first, language)
    keys = _make_keys(root.parent / f"{root.name}-keys", [p[0] for p in ROSTER])
    drop = ("KLIPCTL_USER", "KLIPCTL_LOGBOOK", "KLIPCTL_SIGNING_KEY")
    env = {k: v for k, v in os.environ.items() if k not in drop}

    def context(actor: str | None, moment: datetime, signer: str | None = None) -> Context:
        extra = {"KLIPCTL_USER": actor} if actor else {}
        if signer or actor:
            extra["KLIPCTL_SIGNING_KEY"] = str(keys[signer or actor or ""])
        return Context(
            env={**env, **extra}, cwd=root, now=moment, language=language, logbook_path=root
        )

    for handle, name, nip, roles, email in ROSTER:
        # The supervisor goes first (set-up, signing with the key he adds), then adds the rest.
        people.add_person(
            context(None, first, "budi") if handle == "budi" else context("budi", first),
            handle,
            name,
            nip,
            roles,
            email,
            Path(f"{keys[handle]}.pub").read_text(encoding="ascii"),
        )

    # The supervisor sets what the office decides, with klipctl's signed command (never by hand).
    settings.set_value(context("budi", first), "attachments.max_mb", "20")

    files = root.parent / f"{root.name}-files"
    files.mkdir(exist_ok=True)
    (files / VPN_LOG).write_text(VPN_LOG_TEXT, encoding="utf-8")
    # The clerk imports the office's earlier Log Book (one commit, every entry marked imported).
    (files / OLD_LOGBOOK).write_text(_old_logbook(cal, today), encoding="utf-8-sig")
    importing.run(context("sari", at(20, 10)), files / OLD_LOGBOOK)
    made: list[str] = []  # the failures' IDs, in the order of SCENARIO ("@N" names one)
    for walk in SCENARIO:
        failure_id = ""
        for step in walk:
            ctx = context(step.actor, at(step.days_ago, step.hour))
            details = {
                k: made[int(v[1:])] if isinstance(v, str) and v.startswith("@") else v
                for k, v in step.details.items()
            }
            if step.action == "report":
                failure_id = steps.report(ctx, details).status.failure.id
            elif step.action == "attach":
                paths = [str(files / name) for name in details["files"]]
                attachments.attach(ctx, failure_id, paths, details.get("note"))
            else:
                steps.act(ctx, step.action, failure_id, details)
        made.append(failure_id)
    return context(None, now)
