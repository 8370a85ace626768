-- Former commune codes (older COG vintages) and the current commune each merged into.
-- Returns: old_code, code. Parameters: none.
SELECT old_code, code FROM cog_old_codes;
