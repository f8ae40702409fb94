"""The domain: the SOP's rules as pure functions and values.

Failures and their entries, the SOP table, the roster, working days and deadlines, IDs, text
rules, and the derived standing of a failure on a day. Nothing here reads a file, runs git, looks
at the clock or the terminal: every input is an argument. Imports only ``klipctl.errors`` and
itself.
"""
