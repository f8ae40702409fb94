"""The on-disk world: the only layer that touches files and git.

YAML reading and writing, the shapes of the log book's files, its configuration, the log book and
its locked transaction, git, the derived index, the holiday cache, and the git side of syncing
with the central repository. Imports the domain (and ``klipctl.errors``); never the layers above.
"""
