-- The build log (what was mapped, dropped and why), in the order it was written.
-- Returns: step, message. Parameters: none.
SELECT step, message FROM build_log ORDER BY rowid;
