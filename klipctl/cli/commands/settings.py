"""What the office decides for itself: `config get [KEY]`, `config set KEY VALUE`, and its own
templates and logo, `template list`, `template add FILE`, `template remove NAME`."""

from typing import TYPE_CHECKING, Annotated

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module

# Typed for mypy, loaded at first use (so `--help` does not pay for the core).
if TYPE_CHECKING:
    from klipctl.app import settings, templates
else:
    settings = lazy_module("klipctl.app.settings")
    templates = lazy_module("klipctl.app.templates")


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

    template_app = kit.subgroup(app, "template", h("template"))

    @template_app.command(name="list", help=h("template_list"))
    def template_list(ctx: typer.Context, as_json: Annotated[bool, p.json()] = False) -> None:
        state = kit.state(ctx)
        kit.present(state, kit.views.Templates(templates.listing(state.context())), as_json)

    @template_app.command(name="add", help=h("template_add"))
    def template_add(
        ctx: typer.Context,
        file: Annotated[str, typer.Argument(help=h("arg_template_file"), metavar="FILE")],
        name: Annotated[
            str | None, typer.Option("--name", help=h("opt_template_name"), metavar="NAME")
        ] = None,
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        state = kit.state(ctx)
        kit.present(state, templates.add(state.context(), file, name), as_json)

    @template_app.command(name="remove", help=h("template_remove"))
    def template_remove(
        ctx: typer.Context,
        name: Annotated[str, typer.Argument(help=h("arg_template_name"), metavar="NAME")],
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        state = kit.state(ctx)
        kit.present(state, templates.remove(state.context(), name), as_json)
