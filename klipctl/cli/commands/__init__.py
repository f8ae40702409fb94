"""The command modules. Each has ``register(app, params)`` adding its commands to the app.

A command body only parses, calls one core function and hands the result to ``output``.

``COMMANDS`` says, without importing any of them, which module holds each top-level command and
which catalogue key is its help: ``klipctl --help``, a usage error and the completion of command
names are answered from it, and only the module of the command that runs is imported
(``cli/root.py``). The order is the order of ``--help``: the plain commands, then the groups.
``tests/test_startup.py`` checks it against what the modules really register.
"""

from typing import NamedTuple


class Listed(NamedTuple):
    name: str
    module: str  # in klipctl.cli.commands
    help: str  # its help's key in the catalogue
    hidden: bool = False


COMMANDS = (
    Listed("init", "setup", "init"),
    Listed("join", "setup", "join"),
    Listed("demo", "setup", "demo"),
    Listed("report", "procedure", "report"),
    Listed("record", "procedure", "record"),
    Listed("assign", "procedure", "assign"),
    Listed("reassign", "procedure", "reassign"),
    Listed("resolve", "procedure", "resolve"),
    Listed("review", "procedure", "review"),
    Listed("draft", "procedure", "draft"),
    Listed("sign", "procedure", "sign"),
    Listed("deliver", "procedure", "deliver"),
    Listed("archive", "procedure", "archive"),
    Listed("note", "procedure", "note"),
    Listed("withdraw", "procedure", "withdraw"),
    Listed("correct", "procedure", "correct"),
    Listed("attach", "attachments", "attach"),
    Listed("attachment", "attachments", "attachment"),
    Listed("show", "views", "show"),
    Listed("inbox", "views", "inbox"),
    Listed("tugas", "views", "inbox", hidden=True),
    Listed("list", "views", "list"),
    Listed("history", "views", "history"),
    Listed("import", "importing", "import"),
    Listed("due", "calendar", "due"),
    Listed("sync", "sync", "sync"),
    Listed("status", "sync", "status"),
    Listed("doctor", "sync", "doctor"),
    Listed("verify", "verify", "verify"),
    Listed("digest", "notify", "digest"),
    Listed("render", "documents", "render"),
    Listed("calendar", "calendar", "calendar"),
    Listed("roster", "roster", "roster"),
    Listed("config", "settings", "config"),
    Listed("template", "settings", "template"),
    Listed("remote", "sync", "remote"),
    Listed("hook", "verify", "hook"),
    Listed("site", "site", "site"),
    Listed("notify", "notify", "notify"),
)
