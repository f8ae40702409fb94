"""PyYAML's safe loader and dumper, restricted to what klipctl reads and writes.

Imported only when it is needed (``yamlio``): to write YAML, and to read a text that is not in
klipctl's own layout (``yamlfast`` reads that, and a command that only reads loads no PyYAML).
"""

from __future__ import annotations

from typing import Any

import yaml


class Problem(ValueError):
    """The text is not acceptable YAML; the message says where and why."""


try:
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


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


def load(data: str) -> Any:
    """One document through the safe loader, refusing anchors and aliases, tags, merge keys,
    duplicate keys and numbers of more than ``INT_DIGITS_MAX`` digits."""
    try:
        # Anchors and aliases need "&" or "*"; only then pay for a scan of the parse events.
        events = yaml.parse(data, Loader=_BaseLoader) if ("&" in data or "*" in data) else ()
        for event in events:
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1 if event.start_mark else "?"
                raise Problem(f"line {line}: anchors and aliases are not allowed")
        return yaml.load(data, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}: " if mark is not None else ""
        raise Problem(f"{where}{exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise Problem(str(exc)) from None


def dumps(data: Any) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
