"""The documents of the SOP: the result report, the register, the recap.

View models built from failures and a calendar, the stored result report kept in step with
draft/sign/deliver, report numbers, and the one sandboxed Jinja2 environment that renders them.
Imports audit, storage, i18n and the domain; never the use cases or the CLI.
"""
