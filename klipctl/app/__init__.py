"""The use cases: what each command does, over a ``Context`` (the world passed in).

One small module per job: the SOP's steps, people on the roster, queries, the office calendar,
sharing with the central repository (sync around the transaction), set-up checks, the demo.
Functions return plain result values and never print. Imports every layer below; never the CLI.
"""
