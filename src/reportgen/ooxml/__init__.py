"""Office Open XML, handled in one place: the .xlsx and .docx files reportgen reads, writes and checks.

- `opening`: a package opened safely (file and zip limits, DOCTYPE refusal, encrypted and
  old-format files named), with each kind of file's refusals worded in `formats`.
- `namespaces`: the one table of namespaces and `qn("w:p")` qualified names.
- `parser`: the hardened XML parser (no DTDs, no entities, no network).
- `parts`: reading one part of an open package, its relationships, and repacking a package
  so the same content always gives the same bytes.
- `elements`: building WordprocessingML elements with qualified attributes.

It sits just above `core`: it imports nothing of reportgen's but `core.errors`, so the workbook
reader, the importer, the DOCX writer, the DOCX checker and the compare report can all use it.
"""
