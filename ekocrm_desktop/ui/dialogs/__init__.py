"""Dialogs: record editors, workspace set-up, settings, conflicts, errors."""
