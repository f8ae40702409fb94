"""The log book's configuration: `config get [KEY]` and `config set KEY VALUE`."""

from typing import TYPE_CHECKING, Annotated

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module

# Typed for mypy, loaded at first use (so `--help` does not pay for the core).
if TYPE_CHECKING:
    from klipctl.app import settings
else:
    settings = lazy_module("klipctl.app.settings")


def register(app: typer.Typer, p: Params) -> None:
    h = p.h

    config_app = kit.subgroup(app, "config", h("config"))

    @config_app.command(name="get", help=h("config_get"))
    def config_get(
        ctx: typer.Context,
        key: Annotated[
            str | None, typer.Argument(help=h("arg_config_key"), metavar="[KEY]")
        ] = None,
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        state = kit.state(ctx)
        values = settings.get(state.context(), key)
        kit.present(state, kit.views.Settings(values, single=key is not None), as_json)

    @config_app.command(name="set", help=h("config_set"))
    def config_set(
        ctx: typer.Context,
        key: Annotated[str, typer.Argument(help=h("arg_config_key"), metavar="KEY")],
        value: Annotated[str, typer.Argument(help=h("arg_config_value"), metavar="VALUE")],
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        state = kit.state(ctx)
        changed = settings.set_value(state.context(), key, value)
        kit.present(state, changed, as_json)
