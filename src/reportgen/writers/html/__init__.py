"""The web page both the HTML and the PDF renderers are made from: template, rich text, fonts, charts."""
