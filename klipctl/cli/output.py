"""The only module that imports Rich: how results look to people (their JSON is ``shapes``).

Data goes to standard output, messages to standard error. Text from the log book is wrapped in
``Text`` or escaped, so a title like ``[URGENT]`` shows as typed instead of as Rich markup.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, time
from typing import TYPE_CHECKING, Any

from rich import box
from rich.table import Table
from rich.text import Text

from klipctl.cli.columns import Column

# Messages and the long tables are written by ``lines`` (Rich loaded only where it adds).
from klipctl.cli.lines import (
    PIPE_WIDTH,
    Styled,
    console,
    print_calendar_warnings,
    print_problems,
    print_rows,
    standing_text,
    stderr_console,
)
from klipctl.cli.lines import error as error  # re-exported: commands say through kit.output
from klipctl.cli.lines import info as info
from klipctl.cli.lines import print_json as print_json
from klipctl.cli.lines import write_exact as write_exact
from klipctl.cli.sheet import (
    ATTACHMENT_COLUMNS,
    TIMELINE_COLUMNS,
    Sheet,
    imported_text,
    signed_text,
    when_text,
)
from klipctl.domain.model import JAKARTA
from klipctl.domain.validate import printable
from klipctl.i18n.messages import ACTION_NAMES, STAGE_NAMES
from klipctl.i18n.numbers import size_text
from klipctl.storage import commitmsg
from klipctl.storage.progress import Progress, Step

if TYPE_CHECKING:
    from klipctl.app.calendar import (
        CalendarResult,
        CalendarView,
        DeadlineAnswer,
        Month,
        WorkdaysAnswer,
    )
    from klipctl.app.digest import Digest
    from klipctl.app.doctor import Check
    from klipctl.app.entries import Change
    from klipctl.app.importing import Checked, Done
    from klipctl.app.joining import Joined
    from klipctl.app.notify import Flushed, PushNews
    from klipctl.app.people import PersonChange, PersonShown
    from klipctl.app.settings import SettingChanged, SettingValue
    from klipctl.app.sharing import SyncStatus
    from klipctl.app.site import SiteResult
    from klipctl.app.templates import TemplateChanged, TemplateShown
    from klipctl.audit.findings import Report as VerifyReport
    from klipctl.audit.signed import SignedCheck
    from klipctl.domain.importing import Problem as RowProblem
    from klipctl.domain.model import Attachment, Failure
    from klipctl.domain.roster import Person
    from klipctl.domain.workdays import DayInfo
    from klipctl.i18n.messages import Messages
    from klipctl.storage.git import Commit
    from klipctl.storage.sync import SetAside, SyncResult


def _say(*objects: Any) -> None:
    # Into a file or pipe, a sentence stays on one line however long, so it can be grepped.
    stderr_console().print(*objects, soft_wrap=not sys.stderr.isatty())


# Without an explicit file, Rich writes to whatever sys.stdout/sys.stderr is at print time.
class _Out:
    """Standard output as a Rich console, sized for what stdout is at the moment of printing."""

    def print(self, *objects: Any) -> None:
        width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else PIPE_WIDTH
        console(width=width).print(*objects)


out = _Out()


class TerminalProgress(Progress):
    """Long work's progress as a Rich bar (a spinner when the total is not known) on standard
    error, for a terminal. It appears only once a task has run for ``delay`` seconds, so
    quick work does not flicker, and it leaves the screen when the task ends. One bar at a
    time: a task started inside another counts silently."""

    def __init__(self, m: Messages, delay: float = 0.3) -> None:
        self.m, self.delay = m, delay
        self._busy = False

    @contextmanager
    def task(self, key: str, total: int | None) -> Iterator[Step]:
        if self._busy:
            with super().task(key, total) as silent:
                yield silent
            return
        import threading

        from rich import progress as bars

        columns: list[str | bars.ProgressColumn] = [bars.SpinnerColumn(), "{task.description}"]
        if total is not None:
            columns += [bars.BarColumn(), bars.MofNCompleteColumn()]
        columns.append(bars.TimeElapsedColumn())
        bar = bars.Progress(*columns, console=console(stderr=True), transient=True)
        task_id = bar.add_task(self.m(key), total=total)
        lock, state = threading.Lock(), {"shown": False, "over": False}

        def show() -> None:
            with lock:
                if not state["over"]:
                    bar.start()
                    state["shown"] = True

        timer = threading.Timer(self.delay, show)
        timer.daemon = True
        self._busy = True
        timer.start()

        def step(n: int = 1) -> None:
            bar.advance(task_id, n)

        try:
            yield step
        finally:
            timer.cancel()
            with lock:
                state["over"] = True
                if state["shown"]:
                    bar.stop()
            self._busy = False


def rich_text(part: str) -> Text:
    """A part of a message or a cell as Rich's ``Text`` (a ``Styled`` one with its style)."""
    return Text(part, style=part.style) if isinstance(part, Styled) else Text(part)


# --- for people ---------------------------------------------------------------------------------


def print_summary(details: Mapping[str, Any], m: Messages) -> None:
    """What `report` is about to write, for the person to look at before saying yes."""
    grid = Table.grid(padding=(0, 2))
    grid.add_row(m("col_title"), Text(str(details.get("title") or "")))
    grid.add_row(m("col_system"), Text(str(details.get("system") or "")))
    grid.add_row(m("col_severity"), m.severity(str(details.get("severity") or "medium")))
    if details.get("description"):
        grid.add_row(m("col_description"), Text(str(details["description"])))
    _say(Text(m("summary_heading"), style="bold"), grid)


def print_show(sheet: Sheet, m: Messages) -> None:
    """`show` at a terminal: the fields in a grid, the tables boxed, wrapped at its width."""
    out.print(rich_text(sheet.heading))
    grid = Table.grid(padding=(0, 2))
    for label, value in sheet.fields:
        grid.add_row(label, Text.assemble(*(rich_text(p) for p in value)))
    out.print(grid)
    for title, keys, rows in (
        ("attachments", ATTACHMENT_COLUMNS, sheet.attachments),
        ("timeline", TIMELINE_COLUMNS, sheet.timeline),
    ):
        if not rows:
            continue
        table = Table(title=m(title), title_justify="left", expand=False)
        for key in keys:
            table.add_column(m(key), overflow="fold")
        for row in rows:
            table.add_row(*(rich_text(cell) for cell in row))
        out.print(table)


def print_roster(people: Sequence[Person], m: Messages) -> None:
    if not people:
        info(m("roster_empty"))
        return
    table = Table(show_edge=False, pad_edge=False)
    for key in ("col_handle", "col_name", "col_nip", "col_roles", "col_email", "col_key"):
        table.add_column(m(key), overflow="fold")
    for p in people:
        name = Text(p.name) + (Text(f" ({m('inactive')})", style="dim") if not p.active else "")
        table.add_row(
            p.handle,
            name,
            p.nip_grouped,
            ", ".join(m.role_short(r) for r in p.roles),
            Text(p.email or "—"),
            Text(p.key.split()[0] if p.key else "—"),
        )
    out.print(table)


def person_change_text(change: PersonChange, m: Messages) -> str:
    """A roster change in words: added, roles changed, key set, removed and why."""
    f = change.fields
    if change.action == "add":
        parts = [m("rs_added", roles=", ".join(m.role_short(r) for r in f.get("roles") or ()))]
    elif change.action == "remove":
        reason = f.get("reason")
        parts = [m("rs_removed", reason=reason) if reason else m("rs_removed_no_reason")]
    else:
        parts = []
        if "roles" in f:
            parts.append(m("rs_roles", roles=", ".join(m.role_short(r) for r in f["roles"])))
        for key in ("name", "nip", "email"):
            if key in f:
                parts.append(m("rs_field", field=key, value=f[key] or "—"))
    if change.action != "remove" and "key" in f:
        fp = change.fingerprint
        parts.append(m("rs_key", fingerprint=fp) if fp else m("rs_key_none"))
    return "; ".join(parts)


def print_person(shown: PersonShown, m: Messages) -> None:
    p = shown.person
    out.print(Text(f"{p.handle} · {p.name}", style="bold"))
    grid = Table.grid(padding=(0, 2))
    grid.add_row(m("col_nip"), p.nip_grouped)
    grid.add_row(m("col_email"), Text(p.email or "—"))
    grid.add_row(m("col_roles"), Text(", ".join(m.role_short(r) for r in p.roles)))
    removal = next((c for c in reversed(shown.changes) if c.action == "remove"), None)
    if p.active or removal is None:
        grid.add_row(m("col_status"), Text(m("person_active"), style="green"))
    else:
        grid.add_row(m("col_status"), Text(m("person_removed_on", date=when_text(removal.at)),
                                           style="yellow"))  # fmt: skip
    held = shown.keys[-1] if shown.keys and shown.keys[-1].until is None else None
    grid.add_row(m("col_key"), Text(f"{held.fingerprint} ({held.key.split()[0]})" if held else "—"))
    out.print(grid)
    table = Table(title=m("person_history"), title_justify="left", expand=False)
    for key in ("col_when", "col_change", "col_who"):
        table.add_column(m(key), overflow="fold")
    for change in shown.changes:
        # During set-up, before any supervisor, people signed their own addition.
        who = change.actor or f"{p.handle} ({m('rs_setup')})"
        table.add_row(when_text(change.at), Text(person_change_text(change, m)), Text(who))
    out.print(table)
    if shown.keys:
        keys = Table(title=m("person_keys"), title_justify="left", expand=False)
        for key in ("col_fingerprint", "col_key_type", "col_from", "col_until"):
            keys.add_column(m(key), overflow="fold")
        for period in shown.keys:
            until = when_text(period.until) if period.until else m("key_still_held")
            keys.add_row(period.fingerprint, period.key.split()[0], when_text(period.since), until)
        out.print(keys)


def print_history(failure: Failure, commits: Sequence[Commit], m: Messages) -> None:
    if not commits:
        info(m("history_empty"))
        return
    table = Table(show_edge=False, pad_edge=False)
    for key in ("col_commit", "col_when", "col_who", "col_message"):
        table.add_column(m(key), overflow="fold")
    for c in commits:
        # What git holds came from whoever committed, maybe not klipctl: shown escaped.
        who = printable(f"{c.author} <{c.email}>", 200)
        table.add_row(c.sha[:10], c.date.replace("T", " "), Text(who), Text(commit_text(c, m)))
    out.print(table)
    if failure.imported is not None:
        mark = imported_text(failure.report, m)
        info(mark[:1].upper() + mark[1:] + ".")


def column_letter(index: int) -> str:
    """A spreadsheet's name for the column at ``index`` (0-based): A, B, ..., Z, AA, ..."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def import_problem_text(p: RowProblem, m: Messages) -> str:
    """Where in the file (row, column letter and header) and what is wrong there."""
    header = printable(p.header, 60)
    if p.column is None:
        where = m("import_where_header", row=p.row, header=header)
    else:
        where = m("import_where", row=p.row, column=column_letter(p.column), header=header)
    return f"{where}: {m.error(p.key, p.params)}"


def print_import_check(checked: Checked, m: Messages) -> None:
    if not checked.problems:
        info(m("import_ready", n=checked.ready, file=printable(checked.file, 100)))
        return
    for p in checked.problems:
        out.print(Text(import_problem_text(p, m)))


def print_import_done(done: Done, m: Messages) -> None:
    rows = [
        (str(n), s.failure.id, Text(s.failure.title), m.stage(s.failure.stage),
         standing_text(s, m))
        for n, s in done.failures
    ]  # fmt: skip
    columns = [
        Column(m("col_row")),
        Column(m("col_id")),
        Column(m("col_title"), cut=1, floor=20),
        Column(m("col_stage"), drop=1),
        Column(m("col_left")),
    ]
    print_rows(columns, rows)
    info(m("import_done", n=len(done.failures), file=printable(done.file, 100),
           commit=done.commit[:10]))  # fmt: skip


# What each kind of commit klipctl makes did, by its Klipctl-Action trailer; the person, date,
# setting or template it names is filled in from the trailer of the same name.
_COMMIT_KEYS = {
    "init": "commit_init",
    "roster-add": "commit_roster_add",
    "roster-set-key": "commit_roster_set_key",
    "roster-set-role": "commit_roster_set_role",
    "roster-remove": "commit_roster_remove",
    "calendar-add": "commit_calendar_add",
    "calendar-remove": "commit_calendar_remove",
    "config-set": "commit_config_set",
    "template-add": "commit_template_add",
    "template-remove": "commit_template_remove",
    "sync": "commit_sync",
}


def commit_text(c: Commit, m: Messages) -> str:
    """A commit described from its trailers in the reader's language (the subject stays as git
    holds it, in English); a commit klipctl did not make shows its subject, escaped."""
    t = commitmsg.trailers(c.body)
    action = t.get(commitmsg.ACTION, "")
    # Trailer values came from whoever committed too: escaped before they are shown.
    fill = {k: printable(v, 80) for k, v in t.items()}
    if action in ACTION_NAMES and commitmsg.FAILURE in t:
        stage = t.get(commitmsg.STAGE, "")
        return m(
            "commit_entry",
            what=m.action(action)[:1].upper() + m.action(action)[1:],
            id=fill[commitmsg.FAILURE],
            stage=m.stage(stage) if stage in STAGE_NAMES else printable(stage, 40),
        )
    if action in _COMMIT_KEYS:
        return m(
            _COMMIT_KEYS[action],
            person=fill.get(commitmsg.PERSON, "?"),
            date=fill.get(commitmsg.DATE, "?"),
            setting=fill.get(commitmsg.SETTING, "?"),
            template=fill.get(commitmsg.TEMPLATE, "?"),
            n=len(commitmsg.set_aside_chains(c.body)),
        )
    return printable(c.subject, 200)


def print_signed_check(check: SignedCheck | None, m: Messages) -> None:
    """Whether the stored report still holds the signed text; a difference is said loudly."""
    if check is None:
        return
    text = rich_text(signed_text(check, m))
    if check.state == "intact":
        out.print(text)
    else:
        _say(text)


# --- the calendar and the due board (issue 3) ---------------------------------------------------

_KIND_MARK = {
    "holiday": ("*", "bold red"),
    "joint": ("+", "magenta"),
    "office_closed": ("x", "bold red"),
    "office_working": ("o", "green"),
    "weekend": ("", "dim"),
    "working": ("", ""),
}


def _weekday(day: date, m: Messages) -> str:
    return m("weekday_names").split()[day.weekday()]


def _kind_text(info: DayInfo, m: Messages) -> Text:
    mark, style = _KIND_MARK[info.kind]
    words = m(f"kind_{info.kind}")
    if info.name:
        words += f": {info.name}"
    if info.reason:
        words += f" ({info.reason})"
    return Text(words, style=style)


def print_calendar_change(result: CalendarResult, m: Messages) -> None:
    c = result.change
    if c.action == "remove":
        key = "calendar_removed"
    elif result.overrides_national:
        key = "calendar_override_added"
    else:
        key = "calendar_working_added" if c.working else "calendar_closed_added"
    info(m(key, day=m.day(c.day), name=c.name))
    if not result.moved:
        info(m("moved_none"))
        return
    info(m("moved_header", n=len(result.moved)))
    table = Table(show_edge=False, pad_edge=False, box=box.SIMPLE_HEAD)
    for key in ("col_id", "col_title", "col_old_deadline", "col_new_deadline"):
        table.add_column(m(key), no_wrap=key != "col_title", overflow="ellipsis")
    for moved in result.moved:
        table.add_row(
            moved.failure.id,
            Text(moved.failure.title),
            moved.old.isoformat(),
            moved.new.isoformat(),
        )
    out.print(table)


def print_deadline(answer: DeadlineAnswer, explain: bool, m: Messages) -> None:
    at = answer.at.astimezone(JAKARTA)
    at_text = m.day(at.date()) if at.time() == time(0) else when_text(at)
    out.print(
        Text(
            m(
                "deadline_answer",
                deadline=m.day(answer.deadline),
                days=answer.rule.days,
                at=at_text,
            )
        )
    )
    if explain:
        rule = [m("rule_receipt_counts" if answer.rule.receipt_day_counts else "rule_default")]
        if answer.rule.office_hours_end is not None:
            rule.append(m("rule_hours", end=answer.rule.office_hours_end.strftime("%H:%M")))
        out.print(Text(" ".join(rule), style="dim"))
        table = Table(show_edge=False, pad_edge=False, box=box.SIMPLE_HEAD)
        for key in ("col_date", "col_day", "col_counted", "col_why"):
            table.add_column(m(key), overflow="fold")
        for step in answer.steps:
            counted = Text(m(f"step_{step.role}", number=step.number or 0))
            if step.role == "counted" and step.number == answer.rule.days:
                counted.stylize("bold")
            why = _kind_text(step.info, m) if step.info.kind != "working" else Text("")
            table.add_row(step.info.day.isoformat(), _weekday(step.info.day, m), counted, why)
        out.print(table)
    print_calendar_warnings(answer.warnings, m)


def print_workdays(answer: WorkdaysAnswer, m: Messages) -> None:
    out.print(
        Text(
            m(
                "workdays_answer",
                n=answer.days,
                start=m.day(answer.start),
                end=m.day(answer.end),
            )
        )
    )
    print_calendar_warnings(answer.warnings, m)


def _month_table(month: Month, m: Messages) -> Table:
    name = m("month_names").split()[month.month - 1]
    table = Table(
        title=f"{name} {month.year}", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False
    )
    for abbr in m("weekday_abbr").split():
        table.add_column(abbr, justify="right", no_wrap=True, min_width=3)
    for week in month.weeks:
        cells = []
        for day in week:
            if day is None:
                cells.append(Text(""))
                continue
            mark, style = _KIND_MARK[day.kind]
            cells.append(Text(f"{day.day.day}{mark or ' '}", style=style))
        table.add_row(*cells)
    return table


def print_calendar(view: CalendarView, m: Messages) -> None:
    tables = [_month_table(month, m) for month in view.months]
    if len(tables) == 1:
        out.print(tables[0])
    else:
        grid = Table.grid(padding=(1, 3))
        for row_start in range(0, len(tables), 3):
            grid.add_row(*tables[row_start : row_start + 3])
        out.print(grid)
    named = [d for month in view.months for d in month.named]
    if named:
        lines = Table.grid(padding=(0, 2))
        for day in named:
            mark, style = _KIND_MARK[day.kind]
            lines.add_row(
                Text(day.day.isoformat()),
                Text(_weekday(day.day, m)[:3]),
                Text(mark, style=style),
                _kind_text(day, m),
            )
        out.print(lines)
    out.print(Text(m("calendar_legend"), style="dim"))
    print_calendar_warnings(view.warnings, m)


def print_joined(joined: Joined, name: str, email: str, m: Messages) -> None:
    """What `join` did, and what the supervisor runs to put the person on the roster."""
    info(m("join_cloned", path=str(joined.root)))
    info(m("join_key_made" if joined.made_key else "join_key_found", path=str(joined.key_path)))
    if joined.on_roster:
        info(m("join_ready", handle=joined.handle))
        return
    line = (
        f'klipctl roster add {joined.handle} --name "{name}" --nip NIP --role PERAN '
        f'--email {email} --key "{joined.public_key}"'
    )
    info(m("join_ask_supervisor"))
    sys.stdout.write(line + "\n")
    info(m("join_then", folder=str(joined.root)))


def print_attached(files: Sequence[Attachment], change: Change, m: Messages) -> None:
    first = len(change.status.failure.attachments) - len(files) + 1
    for n, a in enumerate(files, start=first):
        size = size_text(a.size, m.lang)
        info(m("attached_line", number=n, name=a.name, size=size, sha=a.sha256[:16]))


# --- sync, status, doctor ----------------------------------------------------------------------


def _entry_label(entry: Mapping[str, Any]) -> str:
    """An entry in a few words: the action, and for the roster or calendar what it names."""
    subject = entry.get("handle") or entry.get("day") or entry.get("date") or ""
    return f"{entry.get('action') or '?'} {subject}".strip()


def _set_aside_line(item: SetAside, entry: Mapping[str, Any], m: Messages) -> str:
    theirs = item.theirs or {}
    return m(
        "set_aside_theirs",
        chain=item.chain,
        action=_entry_label(entry),
        actor=entry.get("actor") or "—",
        at=str(entry.get("at") or "")[:16].replace("T", " "),
        their_action=_entry_label(theirs),
        their_actor=theirs.get("actor") or "—",
        their_at=str(theirs.get("at") or "")[:16].replace("T", " "),
        commit=item.commit[:10],
    )


def print_sync(result: SyncResult, m: Messages, *, explicit: bool) -> None:
    """After `klipctl sync` everything; after another write only what needs saying."""
    if result.offline:
        _say(Text(m("sync_auto_offline", remote=result.remote, detail=result.offline),
                  style="yellow"))  # fmt: skip
    elif result.problem is not None:
        reason = m.error(result.problem.key, result.problem.params)
        _say(Text(m("sync_auto_problem", reason=reason), style="yellow"))
    elif explicit:
        if result.received or result.sent or result.merged:
            info(m("sync_done", remote=result.remote, received=result.received,
                   sent=result.sent))  # fmt: skip
        else:
            info(m("sync_up_to_date", remote=result.remote))
    imports: dict[str, list[SetAside]] = {}
    for item in result.set_aside:
        if item.imported:
            imports.setdefault(item.imported, []).append(item)
            continue
        for entry in item.entries:
            _say(Text(_set_aside_line(item, entry, m), style="bold yellow"))
    for items in imports.values():  # one line for each import, however many rows it had
        marker = items[0].entries[0].get("imported") or {}
        _say(Text(m("set_aside_import", file=str(marker.get("file", "")), n=len(items),
                    commit=items[0].commit[:10]), style="bold yellow"))  # fmt: skip
    for path in result.kept_central:
        _say(Text(m("sync_kept_central", path=path), style="bold yellow"))
    for item, entry, commit in result.reapplied:
        _say(Text(m("set_aside_reapplied", chain=item.chain, action=entry.get("action"),
                    actor=entry.get("actor"), commit=commit[:10])))  # fmt: skip
    for item, entry, why in result.not_reapplied:
        key = "set_aside_not_reapplied"
        if why is not None:
            reason = m.error(why.key, why.params)
        elif item.chain in ("roster", "calendar"):
            key, reason = "set_aside_roster", ""
        else:
            reason = m("set_aside_other_person")
        _say(Text(m(key, chain=item.chain, action=_entry_label(entry),
                    actor=entry.get("actor") or "—", reason=reason)))  # fmt: skip


def print_sync_status(report: SyncStatus, m: Messages) -> None:
    if report.url:
        info(m("status_remote", remote=report.remote, url=report.url))
    else:
        info(m("status_no_remote"))
    if report.branch:
        info(m("status_branch", branch=report.branch))
    if report.url:
        if report.unpushed:
            info(m("status_unpushed", n=len(report.unpushed)))
        else:
            info(m("status_all_pushed"))
        if report.behind:
            info(m("status_behind", n=report.behind))
    if report.unpushed:
        table = Table(show_edge=False, pad_edge=False, box=box.SIMPLE)
        for key in ("col_commit", "col_when", "col_who", "col_message"):
            table.add_column(m(key), overflow="fold")
        for c in report.unpushed:
            # git holds whatever a pusher wrote: escaped like `history`.
            who, what = printable(c.author, 200), commit_text(c, m)
            table.add_row(c.sha[:10], c.date.replace("T", " ")[:16], Text(who), Text(what))
        out.print(table)
    if report.uncommitted:
        _say(Text(m("status_uncommitted", paths=", ".join(report.uncommitted[:5])),
                  style="yellow"))  # fmt: skip
    if report.interrupted:
        _say(Text(m("status_interrupted"), style="yellow"))
    if report.set_aside:
        info(m("status_set_aside"))
        for record in report.set_aside:
            entry = record.get("entry") or {}
            theirs = record.get("theirs")
            from klipctl.storage.sync import SetAside

            item = SetAside(record.get("chain", "?"), (entry,), record.get("commit", ""), theirs)
            _say(Text("- " + _set_aside_line(item, entry, m)))


def _check_text(check: Check, m: Messages) -> str:
    return m.error(check.key, check.params)


def setting_text(value: Any, m: Messages) -> str:
    if isinstance(value, bool):
        return m("value_yes") if value else m("value_no")
    return m("config_empty") if value in ("", None) else str(value)


def print_settings(values: Sequence[SettingValue], single: bool, m: Messages) -> None:
    if single:  # the value alone, as a script reads it
        value = values[0].value
        sys.stdout.write(("true" if value else "false") if isinstance(value, bool) else f"{value}")
        sys.stdout.write("\n")
        return
    rows = [(v.key, Text(setting_text(v.value, m))) for v in values]
    print_rows([Column(m("col_setting")), Column(m("col_value"), cut=1)], rows)


def print_setting_changed(changed: SettingChanged, m: Messages) -> None:
    old, new = setting_text(changed.old, m), setting_text(changed.new, m)
    if changed.commit is None:
        info(m("config_set_same", name=changed.key, new=new))
        return
    info(m("config_set_done", name=changed.key, old=old, new=new, commit=changed.commit[:10]))


def print_templates(items: Sequence[TemplateShown], m: Messages) -> None:
    from klipctl.storage.layout import LOGO_FILES

    def source(t: TemplateShown) -> str:
        if t.overridden:
            return m("template_own", size=size_text(t.size or 0, m.lang))
        return m("template_no_logo") if t.name in LOGO_FILES else m("template_shipped")

    columns = [Column(m("col_template")), Column(m("col_template_source"), cut=1)]
    print_rows(columns, [(t.name, Text(source(t))) for t in items])


def print_template_changed(changed: TemplateChanged, m: Messages) -> None:
    if changed.action == "remove":
        key = "template_removed"
    else:
        key = "template_replaced" if changed.replaced else "template_added"
    info(m(key, name=changed.name, commit=changed.commit[:10]))


def print_flushed(flushed: Flushed, m: Messages) -> None:
    """What sending the outbox did, as the pusher (``remote:``) or the server's admin sees it."""
    if flushed.sent or (not flushed.waiting and not flushed.given_up):
        info(m("notify_sent", n=flushed.sent))
    if flushed.given_up:
        info(m("notify_given_up", n=flushed.given_up))
    if flushed.waiting:
        problem = m.error(flushed.problem.key, flushed.problem.params) if flushed.problem else ""
        info(m("notify_waiting", n=flushed.waiting, problem=problem))


def print_push_news(news: PushNews, m: Messages) -> None:
    if news.enabled and (news.queued or news.flushed.sent or news.flushed.waiting):
        print_flushed(news.flushed, m)
    if news.site is not None:
        info(m("site_rebuilt", path=str(news.site)))
    if news.site_problem is not None:
        info(m.error(news.site_problem.key, news.site_problem.params))


def print_site(result: SiteResult, m: Messages) -> None:
    info(m("site_built", path=str(result.outdir), written=m("count_files", n=result.written),
           unchanged=result.unchanged, removed=result.removed,
           failures=m("count_failures", n=result.failures), index=str(result.index)))  # fmt: skip
    if result.violations:
        _say(Text(m("site_built_violations", n=len(result.violations)), style="bold red"))
    print_problems(result.problems, m)


def print_digest(result: Digest, send: bool, m: Messages) -> None:
    from klipctl.documents.shared import full_date

    day = full_date(result.day, m.lang)
    if not result.working_day:
        info(m("digest_not_working_day", day=day))
        return
    if not result.mails:
        info(m("digest_nothing", day=day))
        return
    if not send:
        for mail in result.mails:
            msg = mail.message
            sys.stdout.write(f"To: {msg['To']}\nSubject: {msg['Subject']}\n\n")
            body = msg.get_body()
            sys.stdout.write((body.get_content() if body is not None else "").rstrip() + "\n")
            sys.stdout.write("─" * 72 + "\n")
        info(m("digest_would_send", n=len(result.mails), day=day))
        return
    info(m("digest_sent", n=result.sent, day=day))


def print_doctor(checks: Sequence[Check], m: Messages) -> None:
    for check in checks:
        mark = Text("✓ ", style="green") if check.ok else Text("✗ ", style="bold red")
        _say(mark + Text(_check_text(check, m)))
    bad = sum(not c.ok for c in checks)
    if bad:
        _say(Text(m("doctor_problems", n=bad), style="bold red"))
    else:
        _say(Text(m("doctor_ok"), style="green"))


# --- verify ------------------------------------------------------------------------------------


def counts(report: VerifyReport) -> dict[str, int]:
    """What ``verify`` looked at, by kind."""
    return {
        "failures": report.failures,
        "entries": report.entries,
        "roster_changes": report.roster_changes,
        "signatures": report.signatures,
        "commits": report.commits,
        "attachments": report.attachments,
    }


def print_verify(report: VerifyReport, m: Messages) -> None:
    from klipctl.audit.findings import violation_text

    # What an auditor may ask about, though nothing is wrong: before the verdict.
    for n in report.notices:
        sys.stdout.write(m("verify_notice", text=violation_text(n, m)) + "\n")
    if report.ok:
        words = {kind: m(f"count_{kind}", n=n) for kind, n in counts(report).items()}
        sys.stdout.write(m("verify_ok", **words) + "\n")
        return
    for v in report.violations:
        sys.stdout.write(violation_text(v, m) + "\n")
    error(m("verify_failed", n=len(report.violations)))
