-- The editors' audit log (publications and removals of zonage imports), latest first.
-- Returns: logged_at, editor, action ('publication'|'retrait'), source, file_name, file_sha256,
-- n_communes, commune_codes, import_id.
-- Parameters: none.
SELECT logged_at, editor, action, source, file_name, file_sha256, n_communes, commune_codes, import_id
FROM audit_log
ORDER BY logged_at DESC, entry_id;
