"""One deadline verdict (issue 13): failures ending before, on and after their deadline, with a
rejection and a reassignment, a withdrawal and one still open, give the same figures in `show`,
`list`, the register, the recap and the result report, counted to the one documented end point
(`deadline.ends_at`: the report filed by default, or the repair accepted)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from conftest import Book

TODAY = "2026-06-01T09:00"  # every view is asked on this day


def step(book: Book, now: str, *args: str, user: str) -> None:
    r = book(*args, user=user, now=now)
    assert r.ok, (args, r.stderr)


def handled(book: Book, title: str, assign_day: str, accept_day: str, archive_day: str,
            *, rejected: bool = False) -> str:  # fmt: skip
    fid = book.report(title, now=f"{assign_day}T08:00")
    step(book, f"{assign_day}T08:30", "record", fid, user="sari")
    step(book, f"{assign_day}T09:00", "assign", fid, "--to", "andi", user="budi")
    operator = "andi"
    if rejected:
        step(book, f"{assign_day}T11:00", "resolve", fid, "--action", "Restart", user="andi")
        step(book, f"{assign_day}T12:00", "review", fid, "--reject", "--reason", "Masih mati",
             user="budi")  # fmt: skip
        step(book, f"{assign_day}T13:00", "reassign", fid, "--to", "dewi", "--reason", "Cuti",
             user="budi")  # fmt: skip
        operator = "dewi"
    step(book, f"{accept_day}T09:00", "resolve", fid, "--action", "Diganti", user=operator)
    step(book, f"{accept_day}T10:00", "review", fid, "--accept", "--drafter", "sari", user="budi")
    step(book, f"{accept_day}T11:00", "draft", fid, user="sari")
    step(book, f"{accept_day}T12:00", "sign", fid, "--yes", user="budi")
    step(book, f"{accept_day}T13:00", "deliver", fid, "--yes", user="budi")
    step(book, f"{archive_day}T14:00", "archive", fid, "--yes", user="sari")
    return fid


def next_weekday(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def states(book: Book, fids: dict[str, str]) -> dict[str, dict[str, object]]:
    """What each view says of each failure: show's and list's verdict, the register's column,
    the report's conclusion, and whether the recap lists it late."""
    listed = {
        item["id"]: item["verdict"]
        for item in json.loads(book("list", "--all", "--json", now=TODAY).stdout)
    }
    register = book("render", "logbook", "--from", "2026-04-01", "--to", "2026-05-31", now=TODAY)
    assert register.ok, register.stderr
    recap = book("render", "recap", "--month", "2026-04", now=TODAY)
    assert recap.ok, recap.stderr
    header = next(line for line in register.stdout.splitlines() if line.startswith("| No. |"))
    within_at = [c.strip() for c in header.split("|")].index("Within deadline")
    rows = {line.split("|")[2].strip(): line for line in register.stdout.splitlines()
            if line.startswith("| ") and line.split("|")[2].strip() in fids.values()}  # fmt: skip
    found: dict[str, dict[str, object]] = {}
    for name, fid in fids.items():
        shown = json.loads(book("show", fid, "--json", now=TODAY).stdout)["verdict"]
        report = " ".join(book("render", fid, now=TODAY).stdout.split())  # wrapped lines read on
        within = rows[fid].split("|")[within_at].strip()
        found[name] = {
            "show": shown["state"],
            "list": listed[fid]["state"],
            "used": (shown["working_days_used"], listed[fid]["working_days_used"]),
            "register": within,
            "report_within": "working days, within the time allowed" in report,
            "report_beyond": "beyond the" in report,
            # signed before it was filed: what it can know, and until when it counts
            "report_measured": "The time allowed is counted until" in report,
            "recap_late": fid in recap.stdout,
        }
    return found


def test_every_view_and_document_gives_the_same_verdict(book: Book) -> None:
    on_time = handled(book, "Printer macet", "2026-04-13", "2026-04-14", "2026-04-15")
    deadline = date.fromisoformat(json.loads(book("show", on_time, "--json").stdout)["deadline"])
    fids = {
        "on_time": on_time,
        # accepted in time, filed weeks later: late by the SOP's end point
        "filed_late": handled(book, "Scanner", "2026-04-13", "2026-04-15", "2026-05-20"),
        "on_the_day": handled(book, "VPN", "2026-04-13", "2026-04-14", deadline.isoformat()),
        "day_after": handled(
            book, "E-mail", "2026-04-13", "2026-04-14", next_weekday(deadline).isoformat()
        ),  # fmt: skip
        "repaired_late": handled(
            book, "Server", "2026-04-13", next_weekday(deadline).isoformat(),
            next_weekday(deadline).isoformat(),
        ),  # fmt: skip
        "rejected": handled(
            book, "Telepon", "2026-04-13", "2026-04-16", "2026-04-17", rejected=True
        ),  # fmt: skip
    }
    withdrawn = book.report("Dobel", now="2026-04-13T08:00")
    step(book, "2026-04-13T08:10", "withdraw", withdrawn, "--reason", "Dobel", "--yes",
         user="sari")  # fmt: skip
    fids["withdrawn"] = withdrawn
    open_ = book.report("Server mati", now="2026-04-13T08:00")
    step(book, "2026-04-13T08:30", "record", open_, user="sari")
    step(book, "2026-04-13T09:00", "assign", open_, "--to", "andi", user="budi")
    fids["open"] = open_

    found = states(book, fids)
    expected = {
        "on_time": ("met", "yes"),
        "filed_late": ("missed", "no"),
        "on_the_day": ("met", "yes"),
        "day_after": ("missed", "no"),
        "rejected": ("met", "yes"),
        "repaired_late": ("missed", "no"),
        "withdrawn": ("withdrawn", "withdrawn"),
        "open": ("overdue", "late"),
    }
    for name, (state, within) in expected.items():
        seen = found[name]
        assert (seen["show"], seen["list"], seen["register"]) == (state, state, within), name
        assert seen["used"][0] == seen["used"][1], name
        # Each report was signed before it was filed (the end point): no verdict, a measure.
        # (a repair accepted after the deadline is said to be beyond it: that is known then)
        assert not seen["report_within"], name
        assert seen["report_beyond"] == (name == "repaired_late"), name
        assert seen["report_measured"] == (state in ("met", "missed")), name
        assert seen["recap_late"] == (state in ("missed", "overdue")), name

    # The office counts to the acceptance instead: every view follows, and the reports, signed
    # after the acceptance, now give the verdict the register gives.
    assert book("config", "set", "deadline.ends_at", "accepted", user="budi").ok
    found = states(book, fids)
    for name in ("on_time", "filed_late", "on_the_day", "day_after", "rejected"):
        seen = found[name]
        assert (seen["show"], seen["list"], seen["register"]) == ("met", "met", "yes"), name
        assert seen["report_within"] and not seen["report_beyond"], name
    late = found["repaired_late"]
    assert (late["show"], late["list"], late["register"]) == ("missed", "missed", "no")
    assert late["report_beyond"] and not late["report_within"]
    assert found["open"]["show"] == found["open"]["list"] == "overdue"


def test_the_recaps_shares_add_up_to_a_hundred_and_no_week_is_yet_to_come(book: Book) -> None:
    import re

    for system in ("E-Filing", "VPN", "Printer Server"):
        book.report(f"{system} mati", system=system, now="2026-04-13T08:00")
    r = book("render", "recap", "--year", "2026", now="2026-04-20T09:00")
    assert r.ok, r.stderr
    by_system = r.stdout.split("## By system", 1)[1].split("##", 1)[0]
    shares = [int(p) for p in re.findall(r"(\d+)%", by_system)]
    assert sorted(shares) == [33, 33, 34] and sum(shares) == 100
    assert "Year 2026, as of 20 April 2026" in r.stdout
    weeks = r.stdout.split("| Week |", 1)[1]
    assert "20 Apr" in weeks and "27 Apr" not in weeks and "Dec" not in weeks  # none to come


def test_a_delivery_by_someone_whose_name_ends_in_a_degree_ends_with_one_full_stop(
    book: Book,
) -> None:
    r = book("roster", "add", "ani", "--name", "Ani Wijaya, S.Kom., M.M.", "--nip",
             "198001012005012001", "--role", "supervisor",
             "--key", f"{book.keys['mallory']}.pub", user="budi")  # fmt: skip
    assert r.ok, r.stderr
    fid = book.report()
    book.walk(fid, "signed")
    r = book("deliver", fid, "--yes", user="ani",
             env={"KLIPCTL_SIGNING_KEY": str(book.keys["mallory"])})  # fmt: skip
    assert r.ok, r.stderr
    report = book("render", fid).stdout
    assert "by Ani Wijaya, S.Kom., M.M." in report and "M.M.." not in report
