"""The documents: `render ID`, `render logbook`, `render recap`."""

import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module
from klipctl.errors import UsageError

# Typed for mypy, loaded at first use (so `--help` does not pay for the core).
if TYPE_CHECKING:
    from klipctl.app import documents
    from klipctl.documents.shared import Document
else:
    documents = lazy_module("klipctl.app.documents")

# `klipctl render ID` is `klipctl render report ID`: a name that is not a subcommand is an ID.
# The hidden subcommand's name holds a "u", which no ID can, so it never shadows one.
REPORT_COMMAND = "document"


class RenderGroup(kit.KlipGroup):
    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            close = difflib.get_close_matches(args[0], ["logbook", "recap"], n=1, cutoff=0.75)
            if close:
                raise UsageError("did_you_mean", value=args[0], match=close[0])
            args = [REPORT_COMMAND, *args]
        return super().resolve_command(ctx, args)


def _check_sheet_format(fmt: str, output: Path | None) -> None:
    from klipctl.documents.shared import check_format

    check_format(fmt, sheets=True)
    if fmt == "xlsx" and output is None:
        raise UsageError("xlsx_needs_output")


def _emit(state: kit.State, document: "Document", output: Path | None) -> None:
    content = document.content
    if output is not None:
        documents.check_output(state.context(), output)
        try:
            if isinstance(content, bytes):
                output.write_bytes(content)
            elif document.format == "csv":  # its own line ends (CRLF), untranslated
                output.write_text(content, encoding="utf-8", newline="")
            else:
                output.write_text(content, encoding="utf-8")
        except OSError as exc:
            raise UsageError("cannot_write", path=str(output), reason=exc.strerror or "") from None
        kit.output.info(state.messages("written", path=str(output)))
    elif isinstance(content, bytes):
        if sys.stdout.isatty():
            raise UsageError("pdf_to_terminal")
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    elif document.format == "csv":
        kit.output.write_exact(content)
    else:
        with kit.paged(state):
            sys.stdout.write(content)


def register(app: typer.Typer, p: Params) -> None:
    h = p.h

    def fmt_opt() -> Any:
        return typer.Option("--format", "-f", help=h("opt_format"), metavar="md|html|pdf")

    def sheet_fmt_opt() -> Any:
        return typer.Option(
            "--format", "-f", help=h("opt_format_sheets"), metavar="md|html|pdf|csv|xlsx"
        )

    def out_opt() -> Any:
        return typer.Option("--output", "-o", help=h("opt_output"), metavar="FILE")

    render_app = typer.Typer(
        cls=RenderGroup,
        help=h("render"),
        no_args_is_help=True,
        rich_markup_mode=None,
        subcommand_metavar="ID|logbook|recap [OPTIONS]",
    )
    app.add_typer(render_app, name="render")

    @render_app.command(name=REPORT_COMMAND, hidden=True, help=h("render_report"))
    def render_report(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        fmt: Annotated[str, fmt_opt()] = "md",
        output: Annotated[Path | None, out_opt()] = None,
    ) -> None:
        from klipctl.documents.shared import check_format

        state = kit.state(ctx)
        check_format(fmt)
        _emit(state, documents.render_report(state.context(), failure_id, fmt), output)

    @render_app.command(name="logbook", help=h("render_logbook"))
    def render_logbook(
        ctx: typer.Context,
        start: Annotated[
            str | None, typer.Option("--from", help=h("opt_from"), metavar="YYYY-MM-DD")
        ] = None,
        end: Annotated[
            str | None, typer.Option("--to", help=h("opt_to_date"), metavar="YYYY-MM-DD")
        ] = None,
        fmt: Annotated[str, sheet_fmt_opt()] = "md",
        output: Annotated[Path | None, out_opt()] = None,
    ) -> None:
        state = kit.state(ctx)
        _check_sheet_format(fmt, output)
        _emit(state, documents.render_register(state.context(), start, end, fmt), output)

    @render_app.command(name="recap", help=h("render_recap"))
    def render_recap(
        ctx: typer.Context,
        month: Annotated[
            str | None, typer.Option("--month", help=h("opt_month"), metavar="YYYY-MM")
        ] = None,
        year: Annotated[
            str | None, typer.Option("--year", help=h("opt_year"), metavar="YYYY")
        ] = None,
        fmt: Annotated[str, sheet_fmt_opt()] = "md",
        output: Annotated[Path | None, out_opt()] = None,
    ) -> None:
        state = kit.state(ctx)
        _check_sheet_format(fmt, output)
        _emit(state, documents.render_recap(state.context(), month, year, fmt), output)
