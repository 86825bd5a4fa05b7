"""reportgen: quarterly action-plan progress updates from one workbook to DOCX, PDF/UA-1 and HTML."""

__version__ = "0.1.0"
