"""The web workspace: `reportgen serve`."""
