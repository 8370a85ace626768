-- Logs the removal of an import, before its rows are deleted: its communes, and the file of its
-- publication when the log has it (no entry for an import without rows). Returns nothing.
-- Parameters: $entry_id (new log entry id), $editor (who removes), $import_id.
INSERT INTO audit_log (entry_id, editor, action, import_id, source, file_name, file_sha256, n_communes, commune_codes)
SELECT $entry_id, $editor, 'retrait', $import_id, any_value(z.source),
       (SELECT any_value(file_name) FROM audit_log WHERE import_id = $import_id AND action = 'publication'),
       (SELECT any_value(file_sha256) FROM audit_log WHERE import_id = $import_id AND action = 'publication'),
       count(*), list(z.commune_code ORDER BY z.commune_code)
FROM imported_zonage z
WHERE z.import_id = $import_id
HAVING count(*) > 0;
