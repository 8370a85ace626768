-- Deletes an import's rows (user_audit_removal logs it first, in the same transaction).
-- Returns nothing. Parameters: $import_id.
DELETE FROM imported_zonage WHERE import_id = $import_id;
