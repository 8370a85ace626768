-- The audit log, latest first.
SELECT logged_at, editor, action, source, file_name, file_sha256, n_communes, commune_codes, import_id
FROM audit_log
ORDER BY logged_at DESC, entry_id;
