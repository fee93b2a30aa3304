"""Working days for report deadlines: Monday to Friday.

Public holidays are deliberately ignored: they move every year (Tết follows the lunar
calendar) and a clerk edits the draft anyway; a lead counted over a holiday only makes
a deadline a little early, never late.
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["is_working_day", "working_days_before"]


def is_working_day(day: date) -> bool:
    return day.weekday() < 5


def working_days_before(day: date, count: int) -> date:
    """The date ``count`` working days before ``day`` (``day`` itself when count is 0).

    A weekend ``day`` with a count of 0 moves back to the Friday before, so that a
    deadline never falls on a day the office is closed.
    """
    if count < 0:
        raise ValueError("số ngày làm việc phải không âm")
    current = day
    while not is_working_day(current):
        current -= timedelta(days=1)
    remaining = count
    while remaining:
        current -= timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current
