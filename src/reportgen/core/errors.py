"""The one error type for 'the command could not run', and the contract's exit statuses."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_CANNOT_RUN = 2


class ReportgenError(Exception):
    """A problem that stops a command before it can do its work (exit status 2).

    The message is one plain line naming the file (and sheet and cell where known);
    the CLI prints it as it is, never with a traceback.
    """

    exit_status = EXIT_CANNOT_RUN

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
