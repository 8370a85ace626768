-- The sources manifest as built, one row per dataset, in manifest order.
-- Returns: dataset, title, publisher, vintage, licence, page, coverage, files (comma-separated),
-- present (every file of the dataset was found).
-- Parameters: none.
SELECT dataset, title, publisher, vintage, licence, page, coverage,
       string_agg(file, ', ' ORDER BY file) AS files,
       bool_and(present) AS present
FROM sources
GROUP BY ALL
ORDER BY min(rowid);
