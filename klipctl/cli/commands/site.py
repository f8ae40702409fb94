"""The board for the head of office: `site build [OUTDIR]`."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module

# Typed for mypy, loaded at first use (so `--help` does not pay for the core).
if TYPE_CHECKING:
    from klipctl.app import site
else:
    site = lazy_module("klipctl.app.site")


def register(app: typer.Typer, p: Params) -> None:
    h = p.h

    site_app = kit.subgroup(app, "site", h("site"))

    @site_app.command(name="build", help=h("site_build"))
    def site_build(
        ctx: typer.Context,
        outdir: Annotated[
            Path | None, typer.Argument(help=h("arg_site_outdir"), metavar="[OUTDIR]")
        ] = None,
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        from klipctl.cli import shapes

        state = kit.state(ctx)
        result = site.build(state.context(), outdir, state.lang_flag)
        m = state.messages
        if as_json:
            kit.output.print_json(shapes.site_json(result, m))
        else:
            kit.output.print_site(result, m)
