"""Qt item models (`...TableModel`, `...ListModel`) over service DTOs."""
