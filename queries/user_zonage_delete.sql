DELETE FROM imported_zonage WHERE import_id = $import_id;
