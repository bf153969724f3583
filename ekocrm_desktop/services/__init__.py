"""Use cases, one module per area. They take a `Database`, return frozen DTOs, never import Qt."""
