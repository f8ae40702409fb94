"""The one module that reads and writes YAML.

Reading uses the safe loader only (the C one when available) and refuses oversized files and
aliases, so a hand-edited or hostile file can neither run code nor expand into a memory bomb.
Writing gives block style, keys in the order given, UTF-8 and no Python tags, so files read well
and diff cleanly in git.
"""

from __future__ import annotations

from typing import Any

import yaml

try:
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_FILE_BYTES = 1_000_000


class YamlProblem(ValueError):
    """The text is not acceptable YAML; the message says where and why."""


class _Dumper(_BaseDumper):
    pass


def _str_representer(dumper: Any, value: str) -> yaml.ScalarNode:
    # Multi-line text as a literal block, so a long description stays readable in the file.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def loads(data: bytes | str) -> Any:
    """Parse one YAML document safely; raise YamlProblem with the line on any trouble."""
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise YamlProblem(f"larger than {MAX_FILE_BYTES} bytes")
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise YamlProblem(f"not UTF-8 (byte {exc.start})") from None
    elif len(data) > MAX_FILE_BYTES:
        raise YamlProblem(f"larger than {MAX_FILE_BYTES} bytes")
    try:
        # Anchors and aliases need "&" or "*"; only then pay for a scan of the parse events.
        events = yaml.parse(data, Loader=_BaseLoader) if ("&" in data or "*" in data) else ()
        for event in events:
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1 if event.start_mark else "?"
                raise YamlProblem(f"line {line}: anchors and aliases are not allowed")
        return yaml.load(data, Loader=_BaseLoader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise YamlProblem(f"{where}{exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(str(exc)) from None


def dumps(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
