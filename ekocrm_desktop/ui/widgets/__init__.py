"""Reusable widgets shared by pages and dialogs."""
