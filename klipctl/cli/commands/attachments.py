"""Files beside a failure: `attach` stores them in a signed entry, `attachment` gives one back."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from klipctl.cli import kit
from klipctl.cli.kit import Params
from klipctl.cli.lazy import lazy_module
from klipctl.errors import UsageError

# Typed for mypy, loaded at first use (so `--help` does not pay for the core).
if TYPE_CHECKING:
    from klipctl.app import attachments, documents, steps
else:
    attachments = lazy_module("klipctl.app.attachments")
    documents = lazy_module("klipctl.app.documents")
    steps = lazy_module("klipctl.app.steps")


def register(app: typer.Typer, p: Params) -> None:
    h = p.h

    @app.command(help=h("attach"))
    def attach(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        files: Annotated[list[str], typer.Argument(help=h("arg_files"), metavar="FILE...")],
        note: Annotated[str | None, p.note()] = None,
        note_file: Annotated[str | None, p.text_file("--note")] = None,
        edit: Annotated[bool, p.edit()] = False,
        as_json: Annotated[bool, p.json()] = False,
    ) -> None:
        state = kit.state(ctx)
        sctx = state.context()
        steps.check(sctx, "attach", failure_id)
        typed = kit.Typed()
        note = kit.long_text(
            state, typed, note, file=note_file, edit=edit, prompt_key="prompt_note",
            flag="--note", missing=[], optional=True,
        )  # fmt: skip
        with typed.kept(state):
            result = attachments.attach(sctx, failure_id, files, note)
        kit.present(state, result, as_json)

    @app.command(help=h("attachment"))
    def attachment(
        ctx: typer.Context,
        failure_id: Annotated[str, p.id_arg()],
        number: Annotated[int, typer.Argument(help=h("arg_attachment_n"), metavar="N")],
        output: Annotated[
            Path | None,
            typer.Option("--output", "-o", help=h("opt_attachment_output"), metavar="FILE"),
        ] = None,
    ) -> None:
        state = kit.state(ctx)
        sctx = state.context()
        got = attachments.attachment(sctx, failure_id, number)
        if output is None:  # its own name, here; never over a file already there
            output = Path(got.attachment.name)
            if output.exists():
                raise UsageError("output_exists", path=str(output))
        documents.check_output(sctx, output)
        try:
            output.write_bytes(got.data)
        except OSError as exc:
            raise UsageError("cannot_write", path=str(output), reason=exc.strerror or "") from None
        kit.output.info(
            state.messages("attachment_saved", name=got.attachment.name, path=str(output))
        )
