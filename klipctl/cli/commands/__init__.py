"""The command modules. Each has ``register(app, params)`` adding its commands to the app.

A command body only parses, calls one core function and hands the result to ``output``.
"""
