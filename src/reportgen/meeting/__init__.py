"""Board meeting notes and the action tracker: a second kind of workbook, built like an edition.

The meeting workbook (schema.py) is read into its own model (model.py), checked by its
own rules with the same findings (rules.py), and turned into the same document model an
edition becomes (document.py), so the DOCX, PDF and HTML renderers and every accessibility
check serve both. `kind.workbook_kind` tells the two kinds of workbook apart by their sheets.
"""
