"""The hardened XML parser: every XML reportgen parses itself (Office parts, chart SVG) goes through `parse`.

Whatever the input says, the parser resolves no entities, loads no DTD, validates against
none, reaches no network and refuses trees deep or large enough to exhaust memory. An
entity reference is then an error (no DTD defines it) or, under a DOCTYPE that declares it,
an unexpanded entity node. openpyxl and python-docx parse with parsers of their own, which
is why `opening` refuses any Office part with a DOCTYPE before either library sees it.
"""

from __future__ import annotations

import threading

from lxml import etree

# lxml serialises the calls on one parser with a lock, and the build parses in threads.
_PER_THREAD = threading.local()


def hardened_parser(*, remove_comments: bool = False, remove_pis: bool = False) -> etree.XMLParser:
    """A new parser with every door closed; comments and processing instructions kept unless asked."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_comments=remove_comments,
        remove_pis=remove_pis,
    )


def parse(data: bytes, *, remove_comments: bool = False, remove_pis: bool = False) -> etree._Element:
    """The root element of `data`; raises etree.XMLSyntaxError (or ValueError) when it is not well-formed XML."""
    key = (remove_comments, remove_pis)
    parsers = getattr(_PER_THREAD, "parsers", None)
    if parsers is None:
        parsers = _PER_THREAD.parsers = {}
    parser = parsers.get(key)
    if parser is None:
        parser = parsers[key] = hardened_parser(remove_comments=remove_comments, remove_pis=remove_pis)
    return etree.fromstring(data, parser)
