"""Every sentence klipctl says to people, Indonesian and English, keyed by message.

The core raises errors carrying a message key; only the layers that speak to people (documents,
app reports, cli) turn keys into text. Imports the domain only.
"""
