"""Reading and writing the edition workbook."""
