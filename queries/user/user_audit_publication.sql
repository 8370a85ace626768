-- Logs the publication of the import just inserted into imported_zonage, with its communes.
-- Returns nothing.
-- Parameters: $entry_id (new log entry id), $editor (who publishes), $import_id, $source,
-- $file_name, $file_sha256 (of the file's bytes as uploaded).
INSERT INTO audit_log (entry_id, editor, action, import_id, source, file_name, file_sha256, n_communes, commune_codes)
SELECT $entry_id, $editor, 'publication', $import_id, $source, $file_name, $file_sha256, count(*),
       list(commune_code ORDER BY commune_code)
FROM imported_zonage
WHERE import_id = $import_id;
