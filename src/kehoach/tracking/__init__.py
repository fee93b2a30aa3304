"""The Django-free core of issued plans: matching addressees to the unit tree, report
periods and deadlines, the measures units count per channel, the synthesis document and
the commemorative days."""
