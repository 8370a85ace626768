SELECT import_id, any_value(source) AS source, count(*) AS n_communes, max(imported_at) AS imported_at
FROM imported_zonage
GROUP BY import_id
ORDER BY imported_at DESC;
