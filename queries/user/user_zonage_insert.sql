-- Publishes an official zonage: copies the DataFrame registered on the connection as
-- incoming_zonage (commune_code, zonage) into imported_zonage. Returns nothing.
-- Parameters: $import_id (new id), $source (the source as the editor names it).
INSERT INTO imported_zonage (import_id, commune_code, zonage, source)
SELECT $import_id, commune_code, zonage, $source FROM incoming_zonage;
