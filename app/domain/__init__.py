"""Pure-Python invoice domain: money, VAT codes, invoice models, balance rules.

No Qt, no HTTP. Everything above may import this package; it imports nothing above it.
"""
