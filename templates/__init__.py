"""House style: Jinja2 templates, CSS and the DOCX reference document, shipped as package data."""
