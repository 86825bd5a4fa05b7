"""The DOCX writer: the edition laid out on the house reference document with python-docx."""
