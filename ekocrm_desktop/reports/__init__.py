"""ReportLab builders fed DTOs from services (no Qt)."""
