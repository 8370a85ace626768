"""Readers of the official raw files, one module per domain; each returns tidy DataFrames."""
