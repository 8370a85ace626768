-- The published zonage imports, latest first.
-- Returns: import_id, source, n_communes, imported_at. Parameters: none.
SELECT import_id, any_value(source) AS source, count(*) AS n_communes, max(imported_at) AS imported_at
FROM imported_zonage
GROUP BY import_id
ORDER BY imported_at DESC;
