"""Link text that says nothing out of context: one list for validating cells and checking documents."""

from __future__ import annotations

# A screen reader's list of links, or a reader scanning a page, meets link text without its
# sentence; these words then say nothing about where the link goes.
VAGUE_LINK_TEXT = frozenset(
    {
        "here",
        "click here",
        "click",
        "click this",
        "click this link",
        "press here",
        "tap here",
        "see here",
        "available here",
        "more here",
        "follow this link",
        "this",
        "this link",
        "link",
        "more",
        "read more",
        "learn more",
        "find out more",
        "more information",
        "more info",
        "more details",
        "details",
        "info",
        "go",
        "continue",
        "this page",
        "page",
        "website",
        "this website",
        "web site",
        "url",
    }
)
