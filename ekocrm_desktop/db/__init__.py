"""Engines, sessions, search backends and migrations (no Qt)."""
