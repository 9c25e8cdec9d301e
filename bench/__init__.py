"""Benchmarks that print figures (``make bench``). They measure; they never pass or fail on time.

Each runs as a plain Django script against a fresh temporary database and media directory, so it
can be run anywhere without touching ``var/``.
"""
