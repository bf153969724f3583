"""Client side of the optional central-server sync (no Qt)."""
