-- A commune code as given in a link: the current commune or arrondissement, else the commune a
-- former code merged into (several rows when a former code was split: the caller says so).
-- Returns: code (current code), old_code (the former code, NULL when $code is current).
-- Parameters: $code (the code as given).
SELECT code, NULL AS old_code FROM communes WHERE code = $code
UNION ALL
SELECT code, old_code FROM cog_old_codes
WHERE old_code = $code AND NOT EXISTS (SELECT 1 FROM communes WHERE code = $code)
ORDER BY code;
