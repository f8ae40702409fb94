"""The audit trail: signing entries, verifying the whole history, the central pre-receive hook.

Imports storage and the domain; knows nothing of documents, use cases or the terminal.
"""
