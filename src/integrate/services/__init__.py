"""Use cases: pure Python, no Qt; the only layer above the vault that opens transactions.

The UI and the command line call these; each returns plain values or result objects
that the caller words. See docs/decisions.md ("Layers").
"""
