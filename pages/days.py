"""Days as a page's address or date box gives them: ISO text, where anything unreadable means "none"."""

from datetime import date


def parse_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None
