"""Scheduled jobs, run by `horoscope-service scheduler` in a process of their own."""
