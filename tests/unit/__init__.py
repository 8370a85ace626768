"""Unit tests: hand-written fixtures and pure functions, no raw snapshots, no database built, no
server (they pass with SANTECARTE_RAW_DIR pointing nowhere)."""
