-- What the build recorded about itself (built_at, duckdb, seconds), for the Sources page.
-- Returns: key, value. Parameters: none.
SELECT key, value FROM build_info;
