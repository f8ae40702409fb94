"""The command line: the Typer app, its commands, and how results look (Rich, JSON).

Thin: parse what was typed, call one use case in ``klipctl.app``, render its result. The only
layer that imports Typer or Rich.
"""
