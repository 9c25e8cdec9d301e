import logging
import re

from .validators import looks_like_pgn

_NINE_DIGITS = re.compile(r"(?<![0-9])[0-9]{9}(?![0-9])")


def redact_pgn(text: str) -> str:
    return _NINE_DIGITS.sub(
        lambda m: "*********" if looks_like_pgn(m.group(0)) else m.group(0), text
    )


class RedactPgnFilter(logging.Filter):
    """Last line of defence: a BSN or onderwijsnummer never reaches a log line in clear."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_pgn(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
