"""Modules imported on first use, so `klipctl --help` does not pay for the core.

Command modules name a use-case module at the top (typed for mypy under ``TYPE_CHECKING``), but
its code (and YAML, git, the calendar behind it) only runs when a command body first touches it.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.loader is not None, name
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
