"""The one module that reads and writes YAML.

Reading uses the safe loader only (the C one when available; klipctl's own files in the layout it
writes are read faster by ``yamlfast``, to the same values) and refuses oversized files,
anchors and aliases, tags, merge keys and duplicate keys, so a hand-edited or hostile file can
neither run code, nor expand into a memory bomb, nor say two things at once.
Writing gives block style, keys in the order given, UTF-8 and no Python tags, so files read well
and diff cleanly in git.
"""

from __future__ import annotations

from typing import Any

import yaml

from klipctl.storage import yamlfast

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


_MERGE = "tag:yaml.org,2002:merge"
# What klipctl itself writes: the plain scalars, lists and mappings. Every other tag (!!binary,
# !!set, !!omap, !!python/..., a local !tag) is refused, written explicitly or not.
_PLAIN_TAGS = tuple(
    f"tag:yaml.org,2002:{name}"
    for name in ("null", "bool", "int", "float", "str", "timestamp", "seq", "map")
)


class _Loader(_BaseLoader):
    yaml_constructors = {
        tag: constructor
        for tag, constructor in _BaseLoader.yaml_constructors.items()
        if tag in _PLAIN_TAGS
    }

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, OverflowError) as exc:  # a date like 2026-02-30
            raise yaml.constructor.ConstructorError(None, None, str(exc), node.start_mark) from None

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise yaml.constructor.ConstructorError(
                None, None, "expected a mapping", node.start_mark
            )
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise yaml.constructor.ConstructorError(
                    None, None, "merge keys (<<) are not allowed", key_node.start_mark
                )
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in mapping
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "found unhashable key", key_node.start_mark
                ) from None
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' appears twice", key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


INT_DIGITS_MAX = 20  # a NIP has 18; anything longer is not a number klipctl wrote


def _int(loader: Any, node: Any) -> int:
    try:
        value: int = _BaseLoader.construct_yaml_int(loader, node)
    except ValueError:  # beyond Python's limit for converting digits
        value = 10**INT_DIGITS_MAX
    if abs(value) >= 10**INT_DIGITS_MAX:
        raise yaml.constructor.ConstructorError(
            None, None, f"a number of more than {INT_DIGITS_MAX} digits", node.start_mark
        )
    return value


def _refuse_tag(loader: Any, node: Any) -> Any:
    tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
    raise yaml.constructor.ConstructorError(
        None, None, f"the tag '{tag}' is not allowed", node.start_mark
    )


_Loader.add_constructor("tag:yaml.org,2002:int", _int)
_Loader.add_constructor(None, _refuse_tag)


def _str_representer(dumper: _Dumper, value: str) -> yaml.Node:
    # Multi-line text as a literal block, so a long description stays readable in the file.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


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
    try:
        # Anchors and aliases need "&" or "*"; only then pay for a scan of the parse events.
        events = yaml.parse(data, Loader=_BaseLoader) if ("&" in data or "*" in data) else ()
        for event in events:
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1 if event.start_mark else "?"
                raise YamlProblem(f"line {line}: anchors and aliases are not allowed")
        return yaml.load(data, Loader=_Loader)  # noqa: S506 - a safe loader
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
