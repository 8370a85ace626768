INSERT INTO imported_zonage (import_id, commune_code, zonage, source)
SELECT $import_id, commune_code, zonage, $source FROM incoming_zonage;
