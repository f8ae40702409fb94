"""`import`: an office's earlier Log Book from a spreadsheet, checked whole, then all or none."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module
from klipctl.errors import InvalidInput

# Typed for mypy, loaded at first use (so `--help` does not pay for the core).
if TYPE_CHECKING:
    from klipctl.app import importing
else:
    importing = lazy_module("klipctl.app.importing")


def register(app: typer.Typer, p: Params) -> None:
    h = p.h

    @app.command(name="import", help=h("import"))
    def import_(
        ctx: typer.Context,
        file: Annotated[Path, typer.Argument(help=h("arg_import_file"), metavar="FILE")],
        check: Annotated[bool, typer.Option("--check", help=h("opt_import_check"))] = False,
        template: Annotated[
            bool, typer.Option("--template", help=h("opt_import_template"))
        ] = False,
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        state = kit.state(ctx)
        sctx = state.context()
        m = state.messages
        if template:
            written = importing.write_template(sctx, file)
            kit.output.info(m("import_template_written", path=str(written)))
            return
        result = importing.check(sctx, file) if check else importing.run(sctx, file)
        kit.present(state, result, as_json)
        if isinstance(result, importing.Checked) and result.problems:
            raise InvalidInput("import_refused", n=len(result.problems), file=result.file)
