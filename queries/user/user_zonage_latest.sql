-- The zonage in force per commune among the imports: the latest import that names it.
-- Returns: commune_code, zonage, source (with « importé le » and the date), import_id.
-- Parameters: none.
SELECT commune_code, zonage, source || ' (importé le ' || strftime(imported_at, '%d/%m/%Y') || ')' AS source,
       import_id
FROM imported_zonage
QUALIFY row_number() OVER (PARTITION BY commune_code ORDER BY imported_at DESC, import_id) = 1;
