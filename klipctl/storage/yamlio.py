"""The one module that reads and writes YAML.

Reading uses the safe loader only (``yamllib``: the C one when available; klipctl's own files in
the layout it writes are read faster by ``yamlfast``, to the same values, without loading
PyYAML) and refuses oversized files,
anchors and aliases, tags, merge keys and duplicate keys, so a hand-edited or hostile file can
neither run code, nor expand into a memory bomb, nor say two things at once.
Writing gives block style, keys in the order given, UTF-8 and no Python tags, so files read well
and diff cleanly in git.
"""

from __future__ import annotations

from typing import Any

from klipctl.storage import yamlfast

MAX_FILE_BYTES = 1_000_000


class YamlProblem(ValueError):
    """The text is not acceptable YAML; the message says where and why."""


def loads(data: bytes | str) -> Any:
    """Parse one YAML document safely; raise YamlProblem with the line on any trouble."""
    return loads_with_items(data)[0]


def loads_with_items(data: bytes | str) -> tuple[Any, list[int] | None]:
    """``loads``, and where each item of the block sequence under the document's last key
    begins (byte offsets in ``data``, or character offsets in a str), when the document is in
    klipctl's own layout (``yamlfast``: read in plain Python, without libyaml); else None."""
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise YamlProblem(f"larger than {MAX_FILE_BYTES} bytes")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise YamlProblem(f"not UTF-8 (byte {exc.start})") from None
    elif len(data) > MAX_FILE_BYTES:
        raise YamlProblem(f"larger than {MAX_FILE_BYTES} bytes")
    else:
        text = data
    try:
        doc, lines = yamlfast.parse(text)
    except yamlfast.Unsupported:
        return _libyaml(text), None
    newline: Any = b"\n" if isinstance(data, bytes) else "\n"
    offsets = []
    line, pos = 0, 0
    for wanted in lines:  # in order
        while line < wanted:
            pos = data.index(newline, pos) + 1
            line += 1
        offsets.append(pos)
    return doc, offsets


def _libyaml(data: str) -> Any:
    from klipctl.storage import yamllib

    try:
        return yamllib.load(data)
    except yamllib.Problem as exc:
        raise YamlProblem(str(exc)) from None


def dumps(data: Any) -> str:
    text = yamlfast.dump(data)  # what klipctl writes into an entry, without PyYAML
    if text is not None:
        return text
    from klipctl.storage import yamllib

    return yamllib.dumps(data)
