"""Everything Qt: the main window, pages, dialogs, item models and workers."""
