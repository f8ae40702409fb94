"""The audit trail: `verify`, and the central repository's hooks (`hook install`,
`hook pre-receive` that guards pushes, `hook post-receive` that tells people after them)."""

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from klipctl.cli import completion, kit
from klipctl.cli.kit import Params
from klipctl.errors import EXIT_FAILED


def register(app: typer.Typer, p: Params) -> None:
    h = p.h

    @app.command(help=h("verify"))
    def verify(
        ctx: typer.Context,
        ids: Annotated[
            list[str] | None,
            typer.Argument(
                help=h("arg_ids"), metavar="[ID]...", autocompletion=completion.failure_ids
            ),
        ] = None,
        since: Annotated[
            str | None, typer.Option("--since", help=h("opt_since"), metavar="COMMIT")
        ] = None,
        incremental: Annotated[
            bool, typer.Option("--incremental", "-i", help=h("opt_incremental"))
        ] = False,
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        from klipctl.audit import verify as core

        state = kit.state(ctx)
        lb = state.context().logbook
        wanted = [lb.resolve_id(i) for i in ids] if ids else None
        report = core.verify(lb, wanted, since, incremental)
        kit.present(state, report, as_json)
        if not report.ok:
            raise typer.Exit(EXIT_FAILED)

    hook_app = kit.subgroup(app, "hook", h("hook"))

    @hook_app.command(name="install", help=h("hook_install"))
    def hook_install(
        ctx: typer.Context,
        repo: Annotated[Path, typer.Argument(help=h("arg_bare_repo"), metavar="BARE_REPO")],
    ) -> None:
        from klipctl.audit import hooks
        from klipctl.storage.outbox import server_dir

        state = kit.state(ctx)
        path = hooks.install(repo, sys.executable)
        folder = server_dir(repo)
        kit.output.info(state.messages("hook_installed", path=str(path.parent), folder=str(folder)))

    @hook_app.command(name="pre-receive", help=h("hook_pre_receive"), hidden=True)
    def hook_pre_receive(ctx: typer.Context) -> None:
        from klipctl.app.clock import now
        from klipctl.audit import verify as core
        from klipctl.audit.findings import violation_text
        from klipctl.storage.git import Git

        state = kit.state(ctx)
        report = core.verify_push(Git(Path(os.getcwd())), _ref_updates(), now(os.environ))
        if report.ok:
            return
        m = state.messages
        lines = [m("hook_refused")]
        lines += [f"  - {violation_text(v, m)}" for v in report.violations]
        lines.append(m("hook_refused_end"))
        sys.stderr.write("\n".join(lines) + "\n")
        raise typer.Exit(EXIT_FAILED)

    @hook_app.command(name="post-receive", help=h("hook_post_receive"), hidden=True)
    def hook_post_receive(ctx: typer.Context) -> None:
        from klipctl.app import notify
        from klipctl.storage.git import forget_repository_env

        bare = Path(os.getcwd())
        forget_repository_env(os.environ)  # GIT_DIR=. would turn the reading clone's git here
        state = kit.state(ctx)
        state.logbook = notify.reading_clone(bare)
        news = notify.after_push(bare, _ref_updates(), state.context())
        kit.output.print_push_news(news, state.messages)


def _ref_updates() -> list[tuple[str, str, str]]:
    """What git gives a pre- or post-receive hook on standard input: one "old new ref" line per
    pushed ref."""
    updates = []
    for line in sys.stdin.read().splitlines():
        parts = line.split()
        if len(parts) == 3:
            updates.append((parts[0], parts[1], parts[2]))
    return updates
